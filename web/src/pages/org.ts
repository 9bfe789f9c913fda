import { h, clear } from "../dom";
import { org, type PersonSummary } from "../api";
import { avatar, personLink, errorBox, loading } from "./common";

function reportsLabel(n: number): string {
  return n === 1 ? "1 report" : `${n} reports`;
}

// The org chart as nested lists with disclosure buttons (aria-expanded / aria-controls): every
// control is a real button, reachable with Tab and operated with Enter or Space. Reports are
// loaded a level at a time.
function node(p: PersonSummary, level: number): HTMLLIElement {
  const reports = p.direct_reports ?? 0;
  const groupId = `reports-of-${p.id}`;
  const item = h("li", { class: "org-item", "data-level": level, "data-person": p.id });
  const group = h("ul", { id: groupId, class: "org-group", hidden: true });
  let loaded = false;
  let toggle: HTMLElement = h("span", { class: "toggle-spacer", "aria-hidden": "true" });
  if (reports > 0) {
    const button = h(
      "button",
      { type: "button", class: "toggle", "aria-expanded": "false", "aria-controls": groupId },
      h("span", { "aria-hidden": "true" }, "+"),
      h("span", { class: "visually-hidden" }, `Show ${reportsLabel(reports)} of ${p.name}`),
    );
    const expand = async (open: boolean): Promise<void> => {
      button.setAttribute("aria-expanded", String(open));
      (button.firstChild as HTMLElement).textContent = open ? "−" : "+";
      (button.lastChild as HTMLElement).textContent = `${open ? "Hide" : "Show"} ${reportsLabel(reports)} of ${p.name}`;
      group.hidden = !open;
      if (!open || loaded) return;
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
    };
    button.addEventListener("click", () => void expand(button.getAttribute("aria-expanded") !== "true"));
    toggle = button;
  }
  item.append(
    h(
      "div",
      { class: "org-node" },
      toggle,
      avatar(p.name),
      h("div", {}, personLink(p), h("span", { class: "muted small" }, ` ${p.title}${reports ? ` · ${reportsLabel(reports)}` : ""}`)),
    ),
    group,
  );
  return item;
}

export function orgPage(): HTMLElement {
  const list = h("ul", { class: "org", "aria-label": "Organisation chart" }, loading());
  org()
    .then((o) => {
      clear(list);
      for (const c of o.children) list.append(node(c, 1));
    })
    .catch((e) => {
      clear(list);
      list.append(errorBox(e));
    });
  return h("section", {}, h("h1", {}, "Org chart"), h("p", { class: "muted" }, "Expand a manager to see their reports."), list);
}
