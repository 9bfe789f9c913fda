import { h } from "../dom";
import type { PersonSummary } from "../api";
import { ApiError } from "../api";

export function personLink(p: { id: number; name: string }): HTMLAnchorElement {
  return h("a", { href: `#/people/${p.id}` }, p.name);
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

export function avatar(name: string): HTMLElement {
  return h("span", { class: "avatar", "aria-hidden": "true" }, initials(name));
}

// One line per person in a list: name, title, team, and the private marker when shown.
export function personRow(p: PersonSummary): HTMLLIElement {
  return h(
    "li",
    { class: "person-row" },
    avatar(p.name),
    h(
      "div",
      { class: "person-main" },
      personLink(p),
      h("span", { class: "muted" }, [p.title, p.team].filter(Boolean).join(" · ")),
    ),
    h(
      "div",
      { class: "person-side" },
      p.location ? h("span", { class: "muted" }, p.location) : null,
      p.private && p.level !== undefined ? h("span", { class: "tag", title: "Job level (private)" }, `L${p.level}`) : null,
    ),
  );
}

export function errorBox(e: unknown): HTMLElement {
  const message = e instanceof ApiError ? e.message : "Something went wrong. Try again.";
  return h("p", { class: "error", role: "alert" }, message);
}

export function loading(): HTMLElement {
  return h("p", { class: "muted", role: "status" }, "Loading…");
}
