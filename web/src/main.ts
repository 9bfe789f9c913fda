import "./style.css";
import { h, clear } from "./dom";
import { currentSession, logout, type SessionInfo, type Role } from "./api";
import { loginPage } from "./pages/login";
import { directoryPage } from "./pages/directory";
import { personPage } from "./pages/person";
import { orgPage } from "./pages/org";
import { auditPage } from "./pages/audit";
import { networkPage, championsPage, brokersPage, atRiskPage, flowsPage, newcomersPage } from "./pages/network";
import { changesPage } from "./pages/changes";
import { surveysPage, takeSurveyPage, surveyResultsPage } from "./pages/surveys";
import { mentoringPage } from "./pages/mentoring";
import { circlesPage, circlePage } from "./pages/circles";
import { errorBox } from "./pages/common";

interface NavItem {
  href: string;
  label: string;
  roles: Role[];
  also?: string[];  // pages reached from this one that it stays marked for
}

// What each role may reach. The server enforces the same rules; this only hides dead ends.
const NAV: NavItem[] = [
  { href: "#/me", label: "My profile", roles: ["admin", "manager", "employee"] },
  { href: "#/team", label: "My team", roles: ["manager"] },
  { href: "#/people", label: "People", roles: ["admin", "manager", "employee"] },
  { href: "#/org", label: "Org chart", roles: ["admin", "manager", "employee"] },
  { href: "#/surveys", label: "Surveys", roles: ["admin", "manager", "employee"] },
  { href: "#/mentoring", label: "Mentoring", roles: ["admin", "manager", "employee"] },
  { href: "#/circles", label: "Circles", roles: ["admin", "manager", "employee"] },
  { href: "#/network", label: "Network", roles: ["admin", "manager", "employee"], also: ["#/changes"] },
  { href: "#/champions", label: "Champions", roles: ["admin"] },
  { href: "#/brokers", label: "Brokers", roles: ["admin"] },
  { href: "#/at-risk", label: "At risk", roles: ["admin"] },
  { href: "#/flows", label: "Team flows", roles: ["admin", "manager"] },
  { href: "#/newcomers", label: "Newcomers", roles: ["admin", "manager"] },
  { href: "#/audit", label: "Audit log", roles: ["admin"] },
];

const app = document.getElementById("app")!;
let session: SessionInfo | null = null;

function shell(content: HTMLElement): HTMLElement {
  const s = session!;
  const route = location.hash || "#/me";
  // A link is the current page for its own route and the routes under it ("#/people" for
  // "#/people/12", not "#/me" for "#/mentoring").
  const under = (href: string) => route === href || route.startsWith(`${href}/`) || route.startsWith(`${href}?`);
  const links = NAV.filter((n) => n.roles.includes(s.user.role)).map((n) =>
    h("li", {}, h("a", { href: n.href, "aria-current": under(n.href) || n.also?.some(under) ? "page" : undefined }, n.label)),
  );
  const signOut = h("button", { type: "button", class: "link" }, "Sign out");
  signOut.addEventListener("click", async () => {
    try {
      await logout();
    } finally {
      session = null;
      location.hash = "";
      render();
    }
  });
  const menu = h("button", { type: "button", class: "menu-toggle", "aria-expanded": "false", "aria-controls": "nav-links" }, "Menu");
  const list = h("ul", { id: "nav-links" }, links);
  menu.addEventListener("click", () => {
    const open = menu.getAttribute("aria-expanded") !== "true";
    menu.setAttribute("aria-expanded", String(open));
    list.classList.toggle("open", open);
  });
  return h(
    "div",
    { class: "shell" },
    h(
      "header",
      { class: "topbar" },
      h("a", { href: "#/me", class: "brand" }, "peerlearn"),
      h("nav", { "aria-label": "Main" }, menu, list),
      h(
        "div",
        { class: "who" },
        h("span", { id: "who-name" }, s.person?.name ?? s.user.username),
        h("span", { class: "role", id: "who-role" }, s.user.role),
        signOut,
      ),
    ),
    h("main", { id: "main", tabindex: "-1" }, content),
  );
}

function page(): HTMLElement {
  const s = session!;
  const route = location.hash.replace(/^#/, "").split("?")[0] || "/me";
  const m = route.match(/^\/people\/(\d+)$/);
  if (m) return personPage(Number(m[1]), s.user.role === "admin" || s.person?.id === Number(m[1]), s.user.role === "admin");
  const sv = route.match(/^\/surveys\/(\d+)(\/results)?$/);
  if (sv) return sv[2] ? surveyResultsPage(Number(sv[1]), s.user.role) : takeSurveyPage(Number(sv[1]));
  const ci = route.match(/^\/circles\/(\d+)$/);
  if (ci) return circlePage(Number(ci[1]));
  switch (route) {
    case "/me":
      return s.person ? personPage(s.person.id, true) : h("section", {}, h("h1", {}, `Signed in as ${s.user.username}`), h("p", {}, "This account is not linked to a person."));
    case "/people":
      return directoryPage();
    case "/team":
      return s.user.role === "manager" ? directoryPage({ scope: "reports", title: "My team" }) : notAllowed();
    case "/org":
      return orgPage();
    case "/network":
      return networkPage(s.user.role);
    case "/changes":
      return changesPage(s.user.role);
    case "/surveys":
      return surveysPage(s.user.role);
    case "/mentoring":
      return mentoringPage(s.user.role);
    case "/circles":
      return circlesPage(s.user.role);
    case "/champions":
      return s.user.role === "admin" ? championsPage() : notAllowed();
    case "/brokers":
      return s.user.role === "admin" ? brokersPage() : notAllowed();
    case "/at-risk":
      return s.user.role === "admin" ? atRiskPage() : notAllowed();
    case "/flows":
      return s.user.role !== "employee" ? flowsPage(s.user.role) : notAllowed();
    case "/newcomers":
      return s.user.role !== "employee" ? newcomersPage(s.user.role) : notAllowed();
    case "/audit":
      return s.user.role === "admin" ? auditPage() : notAllowed();
    default:
      return h("section", {}, h("h1", {}, "Page not found"), h("p", {}, h("a", { href: "#/me" }, "Go to your profile")));
  }
}

function notAllowed(): HTMLElement {
  return h("section", {}, h("h1", {}, "Not available"), h("p", {}, "Your role does not include this page."));
}

function render(): void {
  clear(app);
  document.title = "peerlearn";
  if (!session) {
    app.append(
      loginPage((s) => {
        session = s;
        if (!location.hash || location.hash === "#/") location.hash = "#/me";
        render();
      }),
    );
    return;
  }
  app.append(shell(page()));
  document.getElementById("main")?.focus({ preventScroll: true });
}

window.addEventListener("hashchange", () => {
  if (session) render();
});

currentSession()
  .then((s) => {
    session = s;
    render();
  })
  .catch((e) => {
    clear(app);
    app.append(h("main", { id: "main" }, errorBox(e)));
  });
