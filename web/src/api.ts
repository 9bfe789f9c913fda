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
  // Who acted: their account and, where it belongs to someone, the person.
  user: { id: number; username?: string; role?: string; person?: { id: number; name?: string } } | null;
  action: string;
  target: string;
  target_person: { id: number; name?: string; team?: string } | null;  // where the target is "person:N"
  target_user?: { id: number; username?: string; person?: { id: number; name?: string } } | null;  // where it is "user:N"
  detail: string;
  detail_person: { id: number; name?: string; team?: string } | null;
}

export interface AuditFilter {
  action?: string;  // a prefix: "person.", "user.login", ...
  target?: string;  // exactly: "person:7"
  from?: string;    // ISO date or timestamp: from its first instant
  to?: string;      // ... up to, not including, this one
  before?: number;  // the page after the one ending at this id
  limit?: number;
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
const auditQuery = (f: AuditFilter) => {
  const qs = new URLSearchParams();
  if (f.action) qs.set("action", f.action);
  if (f.target) qs.set("target", f.target);
  if (f.from) qs.set("from", f.from);
  if (f.to) qs.set("to", f.to);
  return qs;
};
export const audit = (f: AuditFilter = {}) => {
  const qs = auditQuery(f);
  qs.set("limit", String(f.limit ?? 100));
  if (f.before) qs.set("before", String(f.before));
  return call<{ entries: AuditEntry[]; next_before: number | null }>("GET", `/api/v1/audit?${qs}`);
};
// The whole log as narrowed, as a CSV download (the download is itself audited).
export const auditCsvUrl = (f: AuditFilter = {}) => {
  const qs = auditQuery(f).toString();
  return `/api/v1/audit.csv${qs ? `?${qs}` : ""}`;
};

// --- the knowledge network ---

export interface SnapshotHeader {
  id: number;
  taken_at: string;
  window: { from: string; to: string } | null;
}

export interface NetworkSummaryNumbers {
  people: number;
  people_with_ties: number;
  ties: number;
  density: number;
  reciprocity: number;
  weight_reciprocity?: number;  // snapshots since it was added
  teams: number;
  communities: number;
  modularity: number;
  cross_team_tie_share: number;
  champions: number;
  silos: number;
  brokers: number;
  single_points: number;
  newcomers: number;
  isolated_newcomers: number;
  interactions?: number;
  betweenness_method?: string; // "exact" or "sampled from N sources"
  betweenness_epsilon?: number;
  betweenness_delta?: number;
  closeness_computed?: boolean;
  scheduled?: boolean; // analysed by the server's schedule, not asked for
}

// A setting two snapshots were analysed with differently: "window_days" (null: all
// interactions), "layer_weight:<layer>", "half_life_days", "community_resolution", ...
export interface SettingChange {
  setting: string;
  before: number | boolean | string | null;
  after: number | boolean | string | null;
}

export interface SnapshotListItem extends SnapshotHeader {
  summary: NetworkSummaryNumbers;
  // Where it was analysed unlike the list's `like` snapshot (before: this one's, after: that
  // one's); empty: like for like.
  settings_changed: SettingChange[];
}

export interface PersonRef {
  id: number;
  name: string | null;
  title?: string;
  team: string | null;
}

// The other person-level findings someone is in: a broker who is also a hidden champion.
export type FindingKind = "champion" | "visible_helper" | "broker" | "single_point";

export interface Champion {
  person: PersonRef;
  score: number;
  signals: Record<string, number>;
  reasons: string[];
  also: FindingKind[];
}

// A single point of failure: their loss would cut the network or their team apart, or take
// skills nobody near them holds.
export interface SinglePoint {
  person: PersonRef;
  cuts_network: boolean;
  teammates_cut_off: number;
  sole_skills: { skill: string; level: number; holders_elsewhere: number }[];
  also: FindingKind[];
}

export interface TeamMetrics {
  team: string;
  members: number;
  internal_ties: number;
  external_ties: number;
  density: number | null;
  ei_index: number | null;
  cross_share: number | null;
  external_people: number;
  external_teams: number;
  silo: boolean;
}

export interface Newcomer {
  person: PersonRef;
  hire_date: string | null;
  days_since_hire: number;
  contacts: number;
  days_to_first: number | null;
  days_to_third: number | null;
  days_to_fifth: number | null;
  isolated: boolean;  // no tie beyond their manager, past their first days
  settling_in?: boolean;  // none yet, within them (absent in snapshots from before)
}

export interface GraphData {
  snapshot: SnapshotHeader;
  level: "person" | "team";
  groups?: string[];
  nodes: {
    id?: number[];
    label: (string | null)[];
    group?: number[];
    members?: number[];
    internal_ties?: number[];
    community: number[];
    x: number[];
    y: number[];
    metrics?: Record<string, (number | null)[]>;
  };
  edges: { source: number[]; target: number[]; weight: number[] };
  // All the snapshot's ties; `edges` may hold fewer (the person-level map's strongest ones).
  edges_total: number;
  // Person level: the nodes each person-level finding names (absent from older servers).
  findings?: Partial<Record<MapFinding, number[]>>;
}

export type MapFinding = "hidden_champion" | "visible_helper" | "broker" | "single_point" | "isolated_newcomer";

export interface PersonNetwork {
  snapshot: SnapshotHeader;
  person: number;
  team: string;
  community: number;
  community_teams?: string[];  // the teams most of the community come from (absent from older servers)
  other_teams?: { came_from: number; went_to: number };  // teams besides their own their ties reach
  metrics: Record<string, number | null>;
  percentiles: Record<string, number | null>;
  findings: {
    champions?: Champion;
    visible_helpers?: VisibleHelper;
    brokers?: { communities_reached: number; brokerage?: number; bridge?: { community: number; teams?: string[]; contacts: number; own_contacts: number; ties_between: number; score: number; expected?: number; surprise?: number } | null };
    single_points?: Omit<SinglePoint, "person">;
    newcomers?: { contacts: number; days_to_first: number | null; isolated: boolean; settling_in?: boolean };
  };
}

const snap = (id?: number, sep = "?") => (id ? `${sep}snapshot=${id}` : "");

// How the server analyses by itself (null: it does not): every so many hours, over the last
// `days` days (0: all), next at `next_at` (null: as soon as there is something to analyse).
export interface AnalysisSchedule {
  every_hours: number;
  days: number;
  keep: number;
  next_at: string | null;
}
// The snapshots, each with how it was analysed unlike snapshot `like` (default: the newest).
export const networkSnapshots = (like?: number) =>
  call<{ snapshots: SnapshotListItem[]; like: number | null; schedule: AnalysisSchedule | null }>("GET", `/api/v1/network/snapshots${like ? `?like=${like}` : ""}`);
export const analyseNetwork = (settings: Record<string, unknown>) =>
  call<{ snapshot: SnapshotHeader; summary: NetworkSummaryNumbers }>("POST", "/api/v1/network/snapshots", settings);
// The settings a snapshot was analysed with.
export interface AnalysisParams {
  layer_weights: Record<string, number>;
  half_life_days: number | null;
  weighted_metrics: boolean;
  community_resolution: number;
  community_runs: number;
  // Absent from snapshots taken before they were settings.
  newcomer_days?: number;
  newcomer_grace_days?: number;
  sole_skill_min_level?: number;
  sole_skill_steps?: number;
}
export const networkSummary = (id?: number) =>
  call<{ snapshot: SnapshotHeader; summary: NetworkSummaryNumbers; params: AnalysisParams }>("GET", `/api/v1/network/summary${snap(id)}`);
// As widely sought as a hidden champion, but seen by the structure (the last reason says how).
export type VisibleHelper = Champion;
export const champions = (id?: number) =>
  call<{ snapshot: SnapshotHeader; champions: Champion[]; visible_helpers: VisibleHelper[] | null }>("GET", `/api/v1/network/champions${snap(id)}`);
// A community as the brokers' list names it: by the teams most of its members come from.
export interface CommunityRef {
  id: number;
  teams: string[];
}
export interface Broker {
  person: { id: number; name: string | null; title?: string; team: string | null };
  community: CommunityRef | null;
  communities_reached: number;
  brokerage: number | null; // null: analysed before brokerage was counted
  betweenness: number;
  constraint: number | null;
  links: (CommunityRef & { contacts: number })[];
  // The community they bridge to most: their contacts there and at home, all the ties between
  // the two (null: none, or analysed before bridges were counted); the contacts there their
  // community's people have on average, and how surprising theirs are beside that (null:
  // analysed before that was counted).
  bridge: (CommunityRef & { contacts: number; own_contacts: number; ties_between: number; score: number; expected: number | null; surprise: number | null }) | null;
  also: FindingKind[];
}
export const brokers = (id?: number) => call<{ snapshot: SnapshotHeader; brokers: Broker[] }>("GET", `/api/v1/network/brokers${snap(id)}`);
export const singlePoints = (id?: number) =>
  call<{
    snapshot: SnapshotHeader;
    single_points: SinglePoint[];
    skills_analysed: boolean;
    skill_level: number | null;
    skill_steps: number | null;
  }>("GET", `/api/v1/network/single-points${snap(id)}`);
// A snapshot's findings against lists the admin trusts (employee ids; team paths for silos).
export interface FindingScore {
  finding: string;
  found: number;
  known: number;
  hits: number;
  unreportable: number;
  precision: number | null;
  recall: number | null;
  missed: string[];
  unexpected: string[];
  unexpected_champions?: number; // brokers only: how many of `unexpected` the truth lists as hidden champions
  recognised_helpers?: number; // hidden champions only, where the truth lists recognised helpers: how many
  recognised_reported?: string[]; // ... and those of them reported as hidden champions (in `unexpected` too)
}
export interface KnownTruth {
  hidden_champions?: string[];
  recognised_helpers?: string[]; // only beside hidden_champions: helpers thanked for it, so not hidden
  brokers?: string[];
  isolated_newcomers?: string[];
  silo_teams?: string[];
}
export const checkFindings = (truth: KnownTruth, id?: number) =>
  call<{ snapshot: SnapshotHeader; scores: FindingScore[]; people: Record<string, PersonRef> }>(
    "POST",
    `/api/v1/network/findings/check${snap(id)}`,
    truth,
  );
export const teamNetwork = (id?: number) =>
  call<{ snapshot: SnapshotHeader; teams: TeamMetrics[]; min_group_size: number; suppressed_small_teams: number }>(
    "GET",
    `/api/v1/network/teams${snap(id)}`,
  );
export const teamFlows = (id?: number) =>
  call<{ snapshot: SnapshotHeader; teams: { team: string; members: number }[]; flows: [number, number, number][] }>(
    "GET",
    `/api/v1/network/flows${snap(id)}`,
  );
export const newcomers = (id?: number) =>
  call<{ snapshot: SnapshotHeader; newcomer_days: number; newcomer_grace_days: number; newcomers: Newcomer[] }>("GET", `/api/v1/network/newcomers${snap(id)}`);
// maxEdges: the person-level map's ties at most (the server's default when absent).
export const networkGraph = (level: "person" | "team", id?: number, maxEdges?: number) =>
  call<GraphData>("GET", `/api/v1/network/graph?level=${level}${snap(id, "&")}${maxEdges !== undefined ? `&max_edges=${maxEdges}` : ""}`);
export interface ChangeSet<T> {
  added: T[];
  removed: T[];
  kept: T[];
}

export interface TeamChange {
  team: string;
  members_before: number;
  members_after: number;
  ei_index_before: number | null;
  ei_index_after: number | null;
  ei_index_change: number | null;
  density_before: number | null;
  density_after: number | null;
  cross_share_before: number | null;
  cross_share_after: number | null;
}

// Two snapshots compared. Person-level parts (and the names for them) come to admins only.
export interface NetworkDiff {
  from: { id: number; taken_at: string };
  to: { id: number; taken_at: string };
  // The settings the two were analysed with where they differ.
  settings_changed: SettingChange[];
  summary: Record<string, { before: number; after: number; change: number }>;
  silos: ChangeSet<string>;
  teams: TeamChange[];
  champions?: ChangeSet<number>;
  visible_helpers?: ChangeSet<number>; // where both snapshots keep them
  champions_now_seen?: number[]; // hidden champions before, visible helpers now
  brokers?: ChangeSet<number>;
  single_points?: ChangeSet<number>;
  isolated_newcomers?: ChangeSet<number>;
  people?: { person: number; in_degree_before: number; in_degree_after: number; in_degree_change: number }[];
  names?: Record<string, PersonRef>;
}

// from: the snapshot before `to` when absent; to: the latest when absent.
export const networkDiff = (to?: number, from?: number) => {
  const q = [to ? `to=${to}` : "", from ? `from=${from}` : ""].filter(Boolean).join("&");
  return call<NetworkDiff>("GET", `/api/v1/network/diff${q ? `?${q}` : ""}`);
};
export const deleteSnapshot = (id: number) => call<{ deleted: number; ties: number }>("DELETE", `/api/v1/network/snapshots/${id}`);
export interface ImportReport {
  platform: "slack" | "teams";
  dry_run: boolean;
  bytes: number;
  files: number;
  files_failed: number;
  conversations: number;
  messages: number;
  kept_messages: number;
  skipped: Record<string, number>;
  interactions: Record<string, number>;
  threads: { threads: number; over_size_limit: number; replies_without_starter: number };
  left_out: { mentions_of_non_people: number; reactions_by_non_people: number };
  accounts: {
    users: number;
    bots: number;
    matched_by_email: number;
    matched_by_mapping: number;
    matched_by_link: number;
    unmatched: number;
    unmatched_ids: string[];
    // suggested: the one person of the roster with the account's name, if one has it
    unmatched_accounts: { id: string; name: string; suggested: { id: number; name: string | null; team: string | null } | null }[];
  };
  rows: { aggregated: number; added: number; raised: number; already_present: number; older_than_retention?: number };
  pseudonymised: boolean;
  rejected: boolean;
  issues: { file: string; offset: number; message: string; warning: boolean }[];
  issues_not_shown: number;
  kept: string;
}

export interface CsvImportReport {
  kind: CsvImportKind;
  dry_run: boolean;
  bytes: number;
  rows: number;
  accepted: number;
  skipped: number;
  self_interactions: number;
  added: number;
  already_present: number;
  older_than_retention?: number; // not kept: the server keeps interactions only so many days
  rejected: boolean;
  issues: { line: number; column: string; message: string; hint: string; warning: boolean }[];
  issues_not_shown: number;
}

// A mapping CSV of accounts linked to people for every later import of their platform.
export interface AccountLinkReport {
  kind: "slack-accounts" | "teams-accounts";
  dry_run: boolean;
  bytes: number;
  rows: number;
  linked: number;
  unchanged: number;
  unknown: number;
  blank: number; // rows whose employee id is left blank: not linked
  problems: string[];
  rejected: boolean;
}

export type ChatPlatform = "slack" | "teams";
// The CSV imports of who helped whom, each on its own layer.
export type CsvImportKind = "interactions" | "nominations" | "kudos" | "debriefs";
export const CSV_IMPORT_KINDS: readonly CsvImportKind[] = ["interactions", "nominations", "kudos", "debriefs"];
export type ImportKind = ChatPlatform | CsvImportKind | "slack-accounts" | "teams-accounts";
export type AnyImportReport = ImportReport | CsvImportReport | AccountLinkReport;

export interface AccountLink {
  account: string;
  person: { id: number; name: string; title?: string; team?: string };
  linked_at: string;
}
export const accountLinks = (platform: ChatPlatform) => call<{ platform: ChatPlatform; pseudonymised: boolean; links: AccountLink[] }>("GET", `/api/v1/accounts/${platform}`);
export const linkAccount = (platform: ChatPlatform, account: string, personId: number) =>
  call<{ account: string; person_id: number; changed: boolean }>("PUT", `/api/v1/accounts/${platform}/${encodeURIComponent(account)}`, { person_id: personId });
export const unlinkAccount = (platform: ChatPlatform, account: string) => call<{ unlinked: string }>("DELETE", `/api/v1/accounts/${platform}/${encodeURIComponent(account)}`);

// Uploads an export (a .zip) or a CSV to import; XMLHttpRequest for the upload's progress, which
// fetch does not report. A refused import (422: malformed files or rows) rejects with an
// ImportRefused that carries the report.
export class ImportRefused extends ApiError {
  constructor(message: string, readonly report: AnyImportReport) {
    super(422, "invalid_argument", message);
  }
}

export function uploadImport(
  kind: ImportKind,
  file: Blob,
  options: { lenient: boolean; dryRun: boolean; date?: string; question?: string },
  onProgress: (sent: number, total: number) => void,
): Promise<AnyImportReport> {
  const q = [options.lenient ? "lenient=1" : "", options.dryRun ? "dry_run=1" : "", options.date ? `date=${encodeURIComponent(options.date)}` : "", options.question ? `question=${encodeURIComponent(options.question)}` : ""]
    .filter(Boolean)
    .join("&");
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/imports/${kind}${q ? `?${q}` : ""}`);
    xhr.setRequestHeader("Content-Type", kind === "slack" || kind === "teams" ? "application/zip" : "text/csv");
    xhr.setRequestHeader("Accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    xhr.upload.addEventListener("progress", (e) => onProgress(e.loaded, e.total));
    xhr.addEventListener("load", () => {
      let data: unknown = {};
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status says what happened
      }
      const err = (data as { error?: { code?: string; message?: string } }).error;
      if (xhr.status === 422 && err) reject(new ImportRefused(err.message ?? "malformed files", data as AnyImportReport));
      else if (xhr.status >= 200 && xhr.status < 300) resolve(data as AnyImportReport);
      else reject(new ApiError(xhr.status, err?.code ?? "error", err?.message ?? `HTTP ${xhr.status}`));
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, "network", "the upload was interrupted")));
    xhr.send(file);
  });
}

export const personNetwork = (person: number) => call<PersonNetwork>("GET", `/api/v1/network/people/${person}`);
// A person in each snapshot that has them, oldest first (the person and admins).
export interface PersonNetworkPoint {
  snapshot: SnapshotHeader;
  people: number;
  team: string;
  in_degree: number;
  out_degree: number;
  fewer_askers_share: number | null; // of the snapshot's people, the share with fewer askers
  pagerank: number | null;
  flags: MapFinding[];
  // Where this snapshot was analysed unlike the last one listed; empty: like for like.
  settings_changed: SettingChange[];
}
export const personNetworkHistory = (person: number, limit = 12) =>
  call<{ person: number; snapshots: PersonNetworkPoint[] }>("GET", `/api/v1/network/people/${person}/history?limit=${limit}`);

// --- surveys ---

export interface InstrumentDefinition {
  key: string;
  version: number;
  title: string;
  description?: string;
  anonymity: "anonymous" | "confidential" | "attributed";
  scale: { min: number; max: number; labels?: string[] };
  subscales: { id: string; title: string }[];
  items: { id: string; text: string; reverse?: boolean; required?: boolean; subscale: string }[];
  free_text: { id: string; text: string; max_length: number }[];
  nominations: { id: string; text: string; max_people: number }[];
}

export interface WaveSummary {
  id: number;
  title: string;
  instrument: { key: string; version: number; title: string; anonymity: string };
  opens_at: string;
  closes_at: string;
  state: "scheduled" | "open" | "closed";
  k: number;
  source: "web" | "import";
  population: string[];
  my_status?: "not started" | "in progress" | "submitted";
}

export interface WaveForm extends WaveSummary {
  definition: InstrumentDefinition;
  submitted: boolean;
  draft: boolean;
  answers: Record<string, number | null>;
  comments: Record<string, string>;
}

export interface Describe {
  n: number;
  mean: number | null;
  sd: number | null;
  distribution?: number[];
  favourable?: number | null;
}

export interface GroupResult {
  group: string;
  status: string;
  respondents?: number;
  subscales?: (Describe & { subscale: string; rwg_j: number | null; change?: { difference: number | null; low: number | null; high: number | null } })[];
  items?: (Partial<Describe> & { item: string; status?: string })[];
  comments?: Record<string, string[]>;
}

export interface WaveResults {
  wave: WaveSummary;
  definition: InstrumentDefinition;
  k: number;
  respondents: number;
  groups: GroupResult[];
  suppressed_groups: number;
  reliability?: { subscale: string; alpha: number | null; icc1: number | null; icc2: number | null }[];
}

export interface ResponseRate {
  wave: WaveSummary;
  k: number;
  messages?: { pending: number; sent: number; failed: number };
  groups: { group: string; invited?: number; completed?: number; rate?: number; status?: string }[];
}

export interface Team {
  id: number;
  name: string;
  path: string;
  parent_id: number | null;
}

const wave = (id: number, rest = "") => `/api/v1/surveys/waves/${id}${rest}`;

export const surveyWaves = () => call<{ mine: WaveSummary[]; waves: WaveSummary[] }>("GET", "/api/v1/surveys/waves");
export const surveyInstruments = () =>
  call<{ instruments: { id: number | null; builtin: boolean; key: string; version: number; title: string; anonymity: string }[] }>(
    "GET",
    "/api/v1/surveys/instruments",
  );
export const createWave = (body: { instrument: string; title: string; opens_at: string; closes_at: string; k?: number; population?: string[] }) =>
  call<WaveSummary>("POST", "/api/v1/surveys/waves", body);
export const waveForm = (id: number) => call<WaveForm>("GET", wave(id));
export const saveResponse = (
  id: number,
  body: { answers: Record<string, number | null>; comments?: Record<string, string>; nominations?: Record<string, number[]>; submit: boolean; receipt?: string },
) => call<{ saved: boolean; submitted: boolean; replaced?: boolean; receipt?: string }>("PUT", wave(id, "/response"), body);
export const waveResults = (id: number) => call<WaveResults>("GET", wave(id, "/results"));
export const waveRate = (id: number) => call<ResponseRate>("GET", wave(id, "/rate"));
export const teams = () => call<{ teams: Team[] }>("GET", "/api/v1/teams");

export interface ScheduleSummary {
  id: number;
  title: string;
  instrument: { key: string; title: string; anonymity: string };
  every_days: number;
  open_days: number;
  k: number;
  population: string[];
  reminders: number[];
  next_opens_at: string;
  active: boolean;
}

export const surveySchedules = () => call<{ schedules: ScheduleSummary[] }>("GET", "/api/v1/surveys/schedules");
export const createSchedule = (body: {
  instrument: string;
  title: string;
  first_opens_at: string;
  every_days: number;
  open_days: number;
  k?: number;
  population?: string[];
  reminders?: number[];
}) => call<ScheduleSummary>("POST", "/api/v1/surveys/schedules", body);
export const setScheduleActive = (id: number, active: boolean) =>
  call<{ id: number; active: boolean }>("PUT", `/api/v1/surveys/schedules/${id}`, { active });

// --- mentoring ---

export interface MentoringOptIn {
  role: "mentee" | "mentor";
  goals: { skill: string; target: number }[];
  offers: string[];
  capacity: number;
  network?: "bridge" | "familiar" | null;
}

export interface MentoringPairView {
  id: number;
  mentee: { id: number; name?: string; team?: string };
  mentor: { id: number; name?: string; team?: string };
  status: "proposed" | "approved" | "ended";
  score: number;
  explanation: string;
  rating: number | null;
  alternatives: { id: number; name?: string; team?: string; explanation: string }[];
}

export const learningGoals = (person: number) => call<{ goals: { skill: string; target: number }[] }>("GET", `/api/v1/people/${person}/goals`);
export const setLearningGoals = (person: number, goals: { skill: string; target: number }[]) =>
  call<{ goals: { skill: string; target: number }[] }>("PUT", `/api/v1/people/${person}/goals`, { goals });
export const skillNames = () => call<{ skills: { name: string; parent: string | null }[] }>("GET", "/api/v1/skills");
export const myMentoring = () =>
  call<{ optins: MentoringOptIn[]; as_mentee: MentoringPairView[]; as_mentor: MentoringPairView[] }>("GET", "/api/v1/mentoring/me");
export const saveOptIn = (body: Partial<MentoringOptIn> & { role: string }) => call<MentoringOptIn>("PUT", "/api/v1/mentoring/optin", body);
export const mentoringPairs = () => call<{ pairs: MentoringPairView[]; mentees: number; mentors: number }>("GET", "/api/v1/mentoring/pairs");
export const runMatching = (body: { mode?: string; min_overlap_hours?: number }) =>
  call<{ proposed: number; mentees: number; mentors: number; objective: number; unmatched: { mentee: string; reason: string }[]; infeasibility: string[] }>(
    "POST",
    "/api/v1/mentoring/match",
    body,
  );
export const setPairStatus = (id: number, status: "approved" | "ended") => call<unknown>("PUT", `/api/v1/mentoring/pairs/${id}`, { status });
export const ratePair = (id: number, rating: number) => call<unknown>("PUT", `/api/v1/mentoring/pairs/${id}/rating`, { rating });
export const logMeeting = (id: number) => call<{ logged: boolean; date: string }>("POST", `/api/v1/mentoring/pairs/${id}/meetings`, {});

// --- learning circles ---

export interface CircleMemberRef {
  id: number;
  name?: string;
  team?: string;
}

export interface ChallengeView {
  id: number;
  title: string;
  problem: string;
  skills: string[];
  sponsor: CircleMemberRef | null;
  status: "open" | "closed";
  volunteers: number;
  first_choices: number;
  my_rank: number | null;
}

export interface CircleScore {
  total: number;
  preference: number;
  team: number;
  community: number;
  seniority: number;
  skills: number;
  first_choices: number;
  skills_covered: number;
  facilitators: number;
  same_team_pairs: number;
  same_community_pairs: number;
  same_level_pairs: number;
}

export interface CircleSummary {
  id: number;
  challenge: { id: number; title: string };
  status: "proposed" | "active" | "closed";
  members: (CircleMemberRef & { role: "member" | "facilitator" })[];
  score: CircleScore;
  explanation: string;
  cadence_days: number;
  started_at: string | null;
  mine?: boolean;
}

export interface CircleDetail extends Omit<CircleSummary, "challenge"> {
  challenge: Omit<ChallengeView, "volunteers" | "first_choices" | "my_rank">;
  checklist: { key: string; label: string; done: boolean }[];
  summary: string;
  meetings: { id: number; date: string; notes: string; takeaways: string[]; logged_by: CircleMemberRef | null }[];
  next_meeting: { due: string; overdue_days: number } | null;
  can_log: boolean;
  can_edit: boolean;
}

export interface Signup {
  preferences: number[];
  facilitator: boolean;
  max_circles: number;
}

export interface FormationResult {
  proposed: number;
  volunteers: number;
  seated: number;
  objective: number;
  communities_known: boolean;
  unassigned: { person: CircleMemberRef; reason: string }[];
  infeasibility: string[];
  stored: boolean;
}

export const challenges = () =>
  call<{ challenges: ChallengeView[]; signup: Signup | null; pins?: (CircleMemberRef & { challenge: number })[]; volunteers?: number }>("GET", "/api/v1/challenges");
export const createChallenge = (body: { title: string; problem?: string; skills?: string[]; sponsor?: number | null }) =>
  call<ChallengeView>("POST", "/api/v1/challenges", body);
export const setChallengeStatus = (id: number, status: "open" | "closed") => call<unknown>("PUT", `/api/v1/challenges/${id}`, { status });
export const saveSignup = (body: Signup) => call<Signup>("PUT", "/api/v1/circles/signup", body);
export const pinToChallenge = (person: number, challenge: number, pinned = true) =>
  call<unknown>("POST", "/api/v1/circles/pins", { person, challenge, pinned });
export const formCircles = (body: { min_size?: number; max_size?: number; min_overlap_hours?: number }) =>
  call<FormationResult>("POST", "/api/v1/circles/form", body);
export const circles = () => call<{ circles: CircleSummary[] }>("GET", "/api/v1/circles");
export const circle = (id: number) => call<CircleDetail>("GET", `/api/v1/circles/${id}`);
export const setCircleStatus = (id: number, status: "active" | "closed") => call<unknown>("PUT", `/api/v1/circles/${id}`, { status });
export const saveCircleLife = (id: number, body: { cadence_days?: number; checklist?: string[]; summary?: string }) =>
  call<unknown>("PUT", `/api/v1/circles/${id}/life`, body);
export const logCircleMeeting = (id: number, body: { date?: string; notes?: string; takeaways?: string[] }) =>
  call<{ id: number; date: string }>("POST", `/api/v1/circles/${id}/meetings`, body);
