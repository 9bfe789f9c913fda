// The peerlearn JSON API. Every state-changing request carries the session's CSRF token.

export type Role = "admin" | "manager" | "employee";

export interface SessionInfo {
  user: { id: number; username: string; role: Role };
  person: { id: number; name: string } | null;
  csrf_token?: string;
}

export interface Skill {
  skill: string;
  level: number;
  source: string;
}

export interface PersonSummary {
  id: number;
  name: string;
  title: string;
  team: string;
  email: string;
  location: string;
  timezone: string;
  manager_id: number | null;
  direct_reports?: number;
  private: boolean;
  employee_id?: string;
  level?: number;
  hire_date?: string | null;
  active?: boolean;
  skills?: Skill[];
}

export interface PersonDetail extends PersonSummary {
  reports: PersonSummary[];
  manager?: { id: number; name: string; title: string };
}

export interface PeoplePage {
  people: PersonSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface OrgNode {
  root: PersonSummary | null;
  chain: { id: number; name: string; title: string }[];
  children: PersonSummary[];
}

export interface AuditEntry {
  id: number;
  ts: string;
  user_id: number | null;
  action: string;
  target: string;
  detail: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

let csrfToken = "";

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } }).error ?? {};
    throw new ApiError(res.status, err.code ?? "error", err.message ?? `HTTP ${res.status}`);
  }
  return data as T;
}

export async function login(username: string, password: string): Promise<SessionInfo> {
  const s = await call<SessionInfo>("POST", "/api/v1/auth/login", { username, password });
  csrfToken = s.csrf_token ?? "";
  return s;
}

export async function currentSession(): Promise<SessionInfo | null> {
  const s = await call<SessionInfo & { signed_in: boolean }>("GET", "/api/v1/auth/session");
  if (!s.signed_in) return null;
  csrfToken = s.csrf_token ?? "";
  return s;
}

export async function logout(): Promise<void> {
  await call("POST", "/api/v1/auth/logout", {});
  csrfToken = "";
}

export function people(params: { q?: string; limit?: number; offset?: number; scope?: string }): Promise<PeoplePage> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") qs.set(k, String(v));
  return call<PeoplePage>("GET", `/api/v1/people?${qs}`);
}

export const person = (id: number) => call<PersonDetail>("GET", `/api/v1/people/${id}`);
export const org = (root?: number) => call<OrgNode>("GET", root ? `/api/v1/org?root=${root}` : "/api/v1/org");
export const audit = (limit = 100) => call<{ entries: AuditEntry[] }>("GET", `/api/v1/audit?limit=${limit}`);
