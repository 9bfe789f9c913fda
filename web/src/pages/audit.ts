import { h, clear } from "../dom";
import { audit } from "../api";
import { errorBox, loading } from "./common";

export function auditPage(): HTMLElement {
  const body = h("div", {}, loading());
  audit(200)
    .then(({ entries }) => {
      clear(body);
      body.append(
        h(
          "div",
          // Focusable so that keyboard users can scroll it on narrow screens.
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Audit log entries" },
          h(
            "table",
            {},
            h("caption", {}, "Most recent first"),
            h("thead", {}, h("tr", {}, ["When (UTC)", "User", "Action", "Target", "Detail"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, entries.map((e) => h("tr", {}, h("td", {}, e.ts.replace("T", " ").replace("Z", "")), h("td", {}, e.user_id ?? "—"), h("td", {}, e.action), h("td", {}, e.target), h("td", {}, e.detail)))),
          ),
        ),
      );
    })
    .catch((e) => {
      clear(body);
      body.append(errorBox(e));
    });
  return h("section", {}, h("h1", {}, "Audit log"), h("p", { class: "muted" }, "Sign-ins and every admin read of person-level data."), body);
}
