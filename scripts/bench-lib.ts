// Pure helpers of `npm run bench` (scripts/bench.ts): no I/O here, so they are unit-tested.

/** The p-th percentile (0-100) of numbers, by the nearest-rank method; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is not between 0 and 100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** a / b, or NaN when b is zero or either is missing. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN;
}

/** Resource types as Chromium's DevTools protocol names them, grouped as the bench reports them. */
export type WeightKind = "html" | "css" | "js" | "other";

export function weightKind(cdpType: string): WeightKind {
  if (cdpType === "Document") return "html";
  if (cdpType === "Stylesheet") return "css";
  if (cdpType === "Script") return "js";
  return "other";
}

export interface Bytes {
  /** Decoded body bytes. */
  raw: number;
  /** Bytes on the wire: the compressed body and the response headers. */
  wire: number;
}

export interface PageWeight {
  name: string;
  path: string;
  byKind: Record<WeightKind, Bytes>;
  total: Bytes;
  /** Content-Encoding of each response that had one (gzip, br…). */
  encodings: string[];
  /** The whole page on the wire when Chromium chooses the encoding itself (brotli from this server). */
  browserWire?: number;
}

export interface PageBudget {
  /** At most this many bytes on the wire for a whole page (HTML, CSS, JavaScript and anything else). */
  maxWireBytesPerPage: number;
}

export interface BudgetVerdict {
  name: string;
  path: string;
  wire: number;
  limit: number;
  over: boolean;
}

/** Every page against the budget; `over` is true for each one that exceeds it. */
export function checkPageBudget(pages: readonly PageWeight[], budget: PageBudget): BudgetVerdict[] {
  if (!(budget.maxWireBytesPerPage > 0))
    throw new Error("bench/budget.json: pageWeight.maxWireBytesPerPage must be a positive number");
  return pages.map((p) => ({
    name: p.name,
    path: p.path,
    wire: p.total.wire,
    limit: budget.maxWireBytesPerPage,
    over: p.total.wire > budget.maxWireBytesPerPage,
  }));
}

/** Adds one response's bytes to a page's counts. */
export function addResource(weight: Pick<PageWeight, "byKind" | "total">, cdpType: string, bytes: Bytes): void {
  const kind = weight.byKind[weightKind(cdpType)];
  kind.raw += bytes.raw;
  kind.wire += bytes.wire;
  weight.total.raw += bytes.raw;
  weight.total.wire += bytes.wire;
}

export function emptyWeight(name: string, path: string): PageWeight {
  const zero = () => ({ raw: 0, wire: 0 });
  return { name, path, byKind: { html: zero(), css: zero(), js: zero(), other: zero() }, total: zero(), encodings: [] };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'" };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (ENTITIES[lower]) return ENTITIES[lower]!;
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return whole;
  });

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`, "i").exec(tag);
  return match ? decodeEntities(match[1] ?? match[2] ?? "") : undefined;
}

/** True when a form field's name belongs to one of the questions (`q`, `q__other`, `q.r1`, `q[0].name`). */
export function isQuestionField(name: string, questionIds: readonly string[]): boolean {
  return questionIds.some(
    (id) => name === id || name.startsWith(`${id}__`) || name.startsWith(`${id}.`) || name.startsWith(`${id}[`),
  );
}

/**
 * The fields a browser would send from a form of a page besides the answers themselves: its hidden
 * inputs (questions shown, the saved-state fingerprint…) and any text input that is not a question's
 * (a honeypot, left as the page has it). The form is the first whose opening tag matches `form`:
 * by default a section's, marked `data-section`.
 */
export function pageFormFields(
  html: string,
  questionIds: readonly string[],
  form: RegExp = /<form\b[^>]*\bdata-section=/i,
): Array<[string, string]> {
  const start = html.search(form);
  if (start === -1) throw new Error(`No form matching ${form} on the page`);
  const end = html.indexOf("</form>", start);
  const body = html.slice(start, end === -1 ? undefined : end);
  const fields: Array<[string, string]> = [];
  for (const [tag] of body.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, "name");
    if (!name || /\sdisabled(?:[\s=/>])/i.test(tag)) continue;
    const type = (attribute(tag, "type") ?? "text").toLowerCase();
    const value = attribute(tag, "value") ?? "";
    if (type === "hidden") fields.push([name, value]);
    else if (["text", "email", "search", "url", "tel"].includes(type) && !isQuestionField(name, questionIds))
      fields.push([name, value]);
  }
  return fields;
}

/** The cookie pairs (`name=value`) of a response's Set-Cookie headers, without the ones it deletes. */
export function cookiePairs(setCookies: readonly string[]): Map<string, string | null> {
  const pairs = new Map<string, string | null>();
  for (const header of setCookies) {
    const [pair] = header.split(";");
    const eq = pair!.indexOf("=");
    if (eq < 1) continue;
    const name = pair!.slice(0, eq).trim();
    pairs.set(name, /max-age=0\b/i.test(header) ? null : pair!.slice(eq + 1).trim());
  }
  return pairs;
}

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same dataset. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- Formatting -------------------------------------------------------------------------------

export const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)}` : "–");
export const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
export const whole = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-GB") : "–");
export const verdict = (met: boolean | null) => (met === null ? "n/a" : met ? "met" : "NOT MET");

/** A plain-text table: first row is the header; numbers line up on the right. */
export function renderTable(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const numeric = (s: string) => /^[-–+]?[\d.,]+( ?[%×x])?$|^–$/.test(s);
  const line = (r: ReadonlyArray<string>) =>
    r
      .map((cell, i) => (i > 0 && numeric(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

/** The parts of a V8 CPU profile (node --cpu-prof) that topFrames reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
    children?: number[];
  }>;
}

/**
 * The functions of a CPU profile with the most samples, by self time and by total time (the function
 * or anything it calls, each sample counted once per function even under recursion), as lines
 * "self% total% name file:line". Shares of all samples, idle included.
 */
export function topFrames(profile: CpuProfile, count: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (hits === 0) continue;
    all += hits;
    self.set(keyOf(n.id), (self.get(keyOf(n.id)) ?? 0) + hits);
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) seen.add(keyOf(id));
    for (const key of seen) total.set(key, (total.get(key) ?? 0) + hits);
  }
  const share = (x: number) => `${((100 * x) / all).toFixed(1).padStart(5)}%`;
  const line = (key: string) => `${share(self.get(key) ?? 0)} ${share(total.get(key) ?? 0)}  ${key}`;
  const top = (by: Map<string, number>) =>
    [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key]) => line(key));
  return [" self  total  by self time", ...top(self), "", " self  total  by total time", ...top(total)];
}
