import { h, clear } from "../dom";
import { person, type PersonDetail } from "../api";
import { avatar, personLink, personRow, errorBox, loading } from "./common";

const LEVELS = ["aware", "beginner", "practitioner", "advanced", "expert"];

function fact(label: string, value: string | Node | null | undefined): HTMLElement[] {
  if (value === null || value === undefined || value === "") return [];
  return [h("dt", {}, label), h("dd", {}, value)];
}

function render(p: PersonDetail): HTMLElement {
  const publicFacts = h(
    "dl",
    { class: "facts" },
    fact("Title", p.title),
    fact("Team", p.team),
    fact("E-mail", p.email ? h("a", { href: `mailto:${p.email}` }, p.email) : null),
    fact("Location", p.location),
    fact("Time zone", p.timezone),
    fact("Manager", p.manager ? personLink(p.manager) : null),
  );
  const sections: HTMLElement[] = [
    h("header", { class: "person-head" }, avatar(p.name), h("div", {}, h("h1", {}, p.name), h("p", { class: "muted" }, p.title))),
    h("section", { class: "card" }, h("h2", {}, "Directory"), publicFacts),
  ];
  if (p.private) {
    const skills = p.skills ?? [];
    sections.push(
      h(
        "section",
        { class: "card", id: "private-details", "aria-labelledby": "private-title" },
        h("h2", { id: "private-title" }, "Private details"),
        h("p", { class: "muted small" }, "Visible only to this person, their management line and admins."),
        h("dl", { class: "facts" }, fact("Employee id", p.employee_id), fact("Level", String(p.level ?? "")), fact("Hire date", p.hire_date ?? ""), fact("Status", p.active ? "Active" : "Inactive")),
        h("h3", {}, "Skills"),
        skills.length === 0
          ? h("p", { class: "muted" }, "No skills recorded.")
          : h(
              "ul",
              { class: "skills" },
              skills.map((s) =>
                h("li", {}, h("span", {}, s.skill), h("meter", { min: 0, max: 4, value: s.level, "aria-label": `${s.skill}: ${LEVELS[s.level]}` }), h("span", { class: "muted small" }, `${LEVELS[s.level]} (${s.source})`)),
              ),
            ),
      ),
    );
  }
  if (p.reports.length > 0) {
    sections.push(h("section", { class: "card" }, h("h2", {}, `Direct reports (${p.reports.length})`), h("ul", { class: "people" }, p.reports.map(personRow))));
  }
  return h("article", { class: "person" }, sections);
}

export function personPage(id: number): HTMLElement {
  const root = h("div", {}, loading());
  person(id)
    .then((p) => {
      clear(root);
      root.append(render(p));
      document.title = `${p.name} · peerlearn`;
    })
    .catch((e) => {
      clear(root);
      root.append(errorBox(e));
    });
  return root;
}
