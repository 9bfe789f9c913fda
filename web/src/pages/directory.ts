import { h, clear } from "../dom";
import { people } from "../api";
import { personRow, errorBox, loading } from "./common";

const PAGE = 25;

// The people directory: search by name, title, e-mail or team; paged.
export function directoryPage(opts: { scope?: "reports"; title?: string } = {}): HTMLElement {
  const title = opts.title ?? "People";
  const results = h("div", { "aria-live": "polite" });
  const search = h("input", { id: "people-search", type: "search", placeholder: "Name, title, e-mail or team", autocomplete: "off" });
  let offset = 0;
  let timer = 0;

  async function load(): Promise<void> {
    clear(results);
    results.append(loading());
    try {
      const page = await people({ q: search.value.trim(), limit: PAGE, offset, scope: opts.scope });
      clear(results);
      const from = page.total === 0 ? 0 : offset + 1;
      const to = Math.min(offset + PAGE, page.total);
      results.append(h("p", { class: "muted", id: "result-count" }, `${from}–${to} of ${page.total} people`));
      if (page.people.length === 0) {
        results.append(h("p", {}, "No one matches that search."));
        return;
      }
      results.append(h("ul", { class: "people", "aria-label": title }, page.people.map(personRow)));
      const prev = h("button", { type: "button", disabled: offset === 0, onclick: () => { offset -= PAGE; void load(); } }, "Previous");
      const next = h("button", { type: "button", disabled: to >= page.total, onclick: () => { offset += PAGE; void load(); } }, "Next");
      results.append(h("nav", { class: "pager", "aria-label": "Pages" }, prev, next));
    } catch (e) {
      clear(results);
      results.append(errorBox(e));
    }
  }

  search.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => { offset = 0; void load(); }, 200);
  });
  void load();
  return h(
    "section",
    {},
    h("h1", {}, title),
    h("div", { class: "search" }, h("label", { for: "people-search" }, "Search people"), search),
    results,
  );
}
