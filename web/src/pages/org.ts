import { h, clear } from "../dom";
import { org, type PersonSummary } from "../api";
import { avatar, personLink, errorBox, loading } from "./common";

// The org chart as an expandable tree (WAI-ARIA tree pattern, loaded a level at a time).
function node(p: PersonSummary, level: number): HTMLLIElement {
  const reports = p.direct_reports ?? 0;
  const item = h("li", { role: "treeitem", "aria-level": level, "aria-expanded": reports > 0 ? "false" : undefined, "data-person": p.id });
  const group = h("ul", { role: "group", hidden: true });
  const toggle = reports > 0
    ? h("button", { type: "button", class: "toggle", "aria-label": `Show the ${reports === 1 ? "report" : `${reports} reports`} of ${p.name}` }, "+")
    : h("span", { class: "toggle-spacer", "aria-hidden": "true" });
  let loaded = false;
  async function expand(open: boolean): Promise<void> {
    item.setAttribute("aria-expanded", String(open));
    group.hidden = !open;
    if (toggle instanceof HTMLButtonElement) {
      toggle.textContent = open ? "−" : "+";
      toggle.setAttribute("aria-label", `${open ? "Hide" : "Show"} the ${reports === 1 ? "report" : `${reports} reports`} of ${p.name}`);
    }
    if (open && !loaded) {
      loaded = true;
      group.append(loading());
      try {
        const o = await org(p.id);
        clear(group);
        for (const c of o.children) group.append(node(c, level + 1));
      } catch (e) {
        clear(group);
        group.append(errorBox(e));
        loaded = false;
      }
    }
  }
  if (toggle instanceof HTMLButtonElement) {
    toggle.addEventListener("click", () => void expand(item.getAttribute("aria-expanded") !== "true"));
  }
  item.append(
    h("div", { class: "org-node" }, toggle, avatar(p.name), h("div", {}, personLink(p), h("span", { class: "muted small" }, ` ${p.title}${reports ? ` · ${reports} ${reports === 1 ? "report" : "reports"}` : ""}`))),
    group,
  );
  return item;
}

export function orgPage(): HTMLElement {
  const tree = h("ul", { role: "tree", class: "org", "aria-label": "Organisation chart" }, loading());
  org()
    .then((o) => {
      clear(tree);
      for (const c of o.children) tree.append(node(c, 1));
    })
    .catch((e) => {
      clear(tree);
      tree.append(errorBox(e));
    });
  return h("section", {}, h("h1", {}, "Org chart"), h("p", { class: "muted" }, "Expand a manager to see their reports."), tree);
}
