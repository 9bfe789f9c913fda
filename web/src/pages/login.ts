import { h } from "../dom";
import { login, ApiError, type SessionInfo } from "../api";

export function loginPage(onSignedIn: (s: SessionInfo) => void): HTMLElement {
  const error = h("p", { class: "error", role: "alert", "aria-live": "assertive", id: "login-error" });
  const user = h("input", { id: "username", name: "username", autocomplete: "username", required: true, autocapitalize: "none", spellcheck: "false" });
  const pass = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const button = h("button", { type: "submit", class: "primary" }, "Sign in");
  const form = h(
    "form",
    { class: "card login", "aria-describedby": "login-error", novalidate: true },
    h("h1", {}, "Sign in to peerlearn"),
    h("p", { class: "muted" }, "See, grow and measure how your people learn from each other."),
    h("label", { for: "username" }, "Username"),
    user,
    h("label", { for: "password" }, "Password"),
    pass,
    error,
    button,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!user.value || !pass.value) {
      error.textContent = "Enter your username and password.";
      (user.value ? pass : user).focus();
      return;
    }
    button.disabled = true;
    button.textContent = "Signing in…";
    try {
      onSignedIn(await login(user.value.trim(), pass.value));
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.message : "Cannot reach peerlearn. Try again.";
      pass.value = "";
      pass.focus();
    } finally {
      button.disabled = false;
      button.textContent = "Sign in";
    }
  });
  queueMicrotask(() => user.focus());
  return h("main", { id: "main", class: "login-wrap" }, form);
}
