// The server side of `npm run bench`: a respondent driven over HTTP like a browser without
// JavaScript, and autocannon runs against the section page, its save and the bare baseline route.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { HONEYPOT_FIELD } from "../app/components/honeypot";
import preRegm from "../app/questionnaires/pre-regm";
import { freePort } from "../tests/support/chromium";
import { cookiePairs, median, pageFormFields, ratio } from "./bench-lib";

export interface BenchServer {
  url: string;
  /** The server process's id, to read its memory in /proc. */
  pid: number;
  /** The server's output so far (its request log and any error), for a failure message. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * A copy of the build as it is now (server, assets, locales), so that another `npm run build` in the
 * same working tree during the bench cannot change or remove what the server serves. node_modules
 * is linked, not copied. Copied again when the build was being rewritten at that moment.
 */
function snapshotBuild(directory: string): string {
  for (let attempt = 1; ; attempt++) {
    const app = path.join(directory, `app-${attempt}`);
    fs.mkdirSync(app);
    for (const entry of ["build", "public", "locales"]) fs.cpSync(entry, path.join(app, entry), { recursive: true });
    // server.mjs imports plain modules from the app's sources (body limits, the cluster primary): every .mjs there.
    fs.mkdirSync(path.join(app, "app/utils"), { recursive: true });
    const serverModules = fs
      .readdirSync("app/utils")
      .filter((f) => f.endsWith(".mjs"))
      .map((f) => `app/utils/${f}`);
    for (const file of ["server.mjs", "package.json", ...serverModules]) fs.copyFileSync(file, path.join(app, file));
    fs.symlinkSync(path.resolve("node_modules"), path.join(app, "node_modules"), "dir");
    const server = fs.readFileSync(path.join(app, "build/index.js"), "utf8");
    const manifest = JSON.parse(fs.readFileSync(path.join(app, "build/client-manifest.json"), "utf8")) as { respondent: string };
    const assets = [manifest.respondent, ...new Set(server.match(/\/build\/_assets\/[\w.-]+\.css/g) ?? [])];
    if (assets.every((a) => fs.existsSync(path.join(app, "public", a)))) return app;
    if (attempt >= 10)
      throw new Error(
        `The build is incomplete (missing ${assets
          .filter((a) => !fs.existsSync(path.join(app, "public", a)))
          .join(", ")}): run npm run build`,
      );
    fs.rmSync(app, { recursive: true, force: true });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
  }
}

export interface BenchServerOptions {
  /** The SQLite file (DATABASE_PATH); a fresh one in a temporary folder by default. */
  databasePath?: string;
  /**
   * Settings of the database engine and anything else the server reads, over the defaults: a run on
   * another engine passes its own (e.g. DATABASE_URL of a cluster started by the caller).
   */
  env?: Record<string, string>;
  /** Flags for node itself, such as --cpu-prof. */
  nodeOptions?: string[];
}

/** Several server processes on one database, started one after the other (the first migrates it). */
export interface BenchServers {
  urls: string[];
  pids: number[];
  stop: () => Promise<void>;
}

/**
 * `node server.mjs` of a copy of the current build, as in production, on its own port and a fresh
 * database in a temporary folder (or the one given), with BENCH=1 (the baseline route) and the loopback
 * proxy trusted (see forwardedFor). Its request log is read and dropped, keeping only the tail for error messages.
 */
export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-bench-server-"));
  const child = await spawnServer(snapshotBuild(directory), serverEnv(directory, options), options.nodeOptions);
  return {
    ...child,
    stop: async () => {
      await child.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * `count` server processes as startBenchServer starts one, each on its own port, sharing one copy of
 * the build, one database and one session secret: what several processes behind a proxy are.
 */
export async function startBenchServers(count: number, options: BenchServerOptions = {}): Promise<BenchServers> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-bench-servers-"));
  const app = snapshotBuild(directory);
  const env = serverEnv(directory, options);
  const children: Array<Omit<BenchServer, "stop"> & { stop: () => Promise<void> }> = [];
  const stop = async () => {
    await Promise.all(children.map((c) => c.stop()));
    fs.rmSync(directory, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) children.push(await spawnServer(app, env, options.nodeOptions));
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: children.map((c) => c.url), pids: children.map((c) => c.pid), stop };
}

function serverEnv(directory: string, options: BenchServerOptions): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_PATH: options.databasePath ?? path.join(directory, "consulta.db"),
    SESSION_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    BENCH: "1",
    TRUST_PROXY: "loopback",
    ...options.env,
  };
}

async function spawnServer(app: string, env: Record<string, string>, nodeOptions: string[] = []): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeOptions, "server.mjs"], {
    cwd: app,
    env: { ...process.env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${tail}`)), 30_000);
    const onData = () => {
      if (tail.includes("listening")) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${tail}`));
    });
  });
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`The bench server stopped by itself (${code ?? signal}):\n${tail.slice(-3000)}`);
  });
  let stopping = false;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => tail,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 8000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export const QUESTIONNAIRE = "pre-regm";

/** What a respondent who speaks to all three areas answers on each section (required answers and a few more). */
const matrix = (id: string) => Array.from({ length: 10 }, (_, i) => [`${id}.r${i + 1}`, String((i % 4) + 1)] as [string, string]);
export const SECTION_ANSWERS: Record<string, Array<[string, string]>> = {
  about: [
    ["org_type", "1"],
    ["country", "GT"],
    ["scope", "2"],
    ["role", "Analista de políticas públicas"],
    ["years", "4"],
    ["areas", "1"],
    ["areas", "2"],
    ["areas", "3"],
  ],
  ch_supply: [...matrix("chal_sc"), ["chal_sc_main", "Falta de confianza entre empresas y fiscalías."]],
  ch_fin: [...matrix("chal_fi"), ["chal_fi_main", ""]],
  ch_tech: [...matrix("chal_te"), ["chal_te_main", ""]],
  practices: [["practice", "3"]],
  lessons: [
    ["lessons", "Sin confianza no hay intercambio de información."],
    ["recs", ""],
    ["enablers[0]", "4"],
    ["enablers[1]", "1"],
    ["enablers[2]", "10"],
  ],
  roles: [
    ["io_role", "1"],
    ["cs_role", ""],
    ["hub", "1"],
  ],
  follow_up: [
    ["cite", "2"],
    // "Yes" to the hub above asks for the address to write to.
    ["email_invite", "experta@example.org"],
  ],
};

/** The pages of the flow, in order: the start section (consent) is answered on the start page instead. */
export const SECTION_IDS: string[] = preRegm.sections.filter((s) => !(s as { start?: boolean }).start).map((s) => s.id);
const questionIdsOf = (sectionId: string) => preRegm.sections.find((s) => s.id === sectionId)!.questions.map((q) => q.id);

/** A browser's cookie jar for one site, enough for a respondent. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(response: Response): Response {
    for (const [name, value] of cookiePairs(response.headers.getSetCookie())) {
      if (value === null) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const HEADERS = { "Accept-Language": "es-MX,es;q=0.9" };

/** The body a browser sends when the respondent presses a button of a section: the page's own fields, then the answers. */
export async function sectionForm(
  base: string,
  jar: Jar,
  sectionId: string,
  action: "next" | "save" = "next",
): Promise<URLSearchParams> {
  const page = jar.take(
    await fetch(`${base}/q/${QUESTIONNAIRE}/s/${sectionId}`, {
      headers: { ...HEADERS, Cookie: jar.header() },
      redirect: "manual",
    }),
  );
  if (page.status !== 200) throw new Error(`GET ${sectionId}: ${page.status} ${page.headers.get("Location") ?? ""}`);
  const body = new URLSearchParams(pageFormFields(await page.text(), questionIdsOf(sectionId)));
  for (const [name, value] of SECTION_ANSWERS[sectionId] ?? []) body.append(name, value);
  body.append("_action", action);
  return body;
}

/** Answers one section and presses "Next"; returns where the app sends the respondent. */
export async function answerSection(base: string, jar: Jar, sectionId: string): Promise<string> {
  const body = await sectionForm(base, jar, sectionId);
  const response = jar.take(
    await fetch(`${base}/q/${QUESTIONNAIRE}/s/${sectionId}`, {
      method: "POST",
      body,
      headers: { ...HEADERS, Cookie: jar.header() },
      redirect: "manual",
    }),
  );
  if (response.status !== 302) throw new Error(`POST ${sectionId}: ${response.status}\n${(await response.text()).slice(0, 500)}`);
  return response.headers.get("Location")!;
}

/** Ticks the start page's consent, which creates the draft: nothing is stored before it. */
export async function giveConsent(base: string, jar: Jar): Promise<void> {
  const body = new URLSearchParams({ __shown: "consent", [HONEYPOT_FIELD]: "", consent: "on", _action: "next" });
  const response = jar.take(
    await fetch(`${base}/q/${QUESTIONNAIRE}?index`, {
      method: "POST",
      body,
      headers: { ...HEADERS, Cookie: jar.header() },
      redirect: "manual",
    }),
  );
  if (response.status !== 302) throw new Error(`POST consent: ${response.status}\n${(await response.text()).slice(0, 500)}`);
}

/** A draft answered section by section up to the review page; returns the jar that holds it. */
export async function completeDraft(base: string): Promise<Jar> {
  const jar = new Jar();
  await giveConsent(base, jar);
  let next = `/q/${QUESTIONNAIRE}/s/about`;
  for (let guard = 0; next.includes("/s/") && guard < 20; guard++) next = await answerSection(base, jar, next.split("/s/")[1]!);
  if (!next.endsWith("/review")) throw new Error(`The draft did not reach the review page but ${next}`);
  return jar;
}

/** Presses "Submit" on the review page. */
export async function submitDraft(base: string, jar: Jar): Promise<void> {
  const review = `${base}/q/${QUESTIONNAIRE}/review`;
  const page = jar.take(await fetch(review, { headers: { ...HEADERS, Cookie: jar.header() }, redirect: "manual" }));
  if (page.status !== 200) throw new Error(`GET review: ${page.status}`);
  const body = new URLSearchParams(pageFormFields(await page.text(), [], /<form\b[^>]*\bmethod="post"/i));
  const response = jar.take(
    await fetch(review, { method: "POST", body, headers: { ...HEADERS, Cookie: jar.header() }, redirect: "manual" }),
  );
  if (response.status !== 302 || !response.headers.get("Location")?.endsWith("/thanks")) {
    throw new Error(`Submit: ${response.status} ${(await response.text()).match(/role="alert"[^>]*>([^<]*)/)?.[1] ?? ""}`);
  }
}

// ---- Load ------------------------------------------------------------------------------------

export interface LoadRun {
  name: string;
  method: "GET" | "POST";
  path: string;
  expectedStatus: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses with another status than expected, connection errors and timeouts. */
  unexpected: number;
  statuses: Record<string, number>;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/**
 * Many respondents behind a proxy: each request comes "from" its own address (X-Forwarded-For,
 * with the server trusting loopback proxies), so the per-address save limit applies as it would
 * in a deployment rather than turning the run into a test of the limiter. Header values only:
 * every packet goes to 127.0.0.1.
 */
function forwardedFor() {
  let n = 0;
  return (request: autocannon.Request): autocannon.Request => {
    n = (n + 1) % 10_000;
    return { ...request, headers: { ...request.headers, "x-forwarded-for": `127.1.${n >> 8}.${n & 255}` } };
  };
}

export async function fire(urls: string[], request: autocannon.Request, connections: number, seconds: number) {
  return autocannon({
    // Several URLs (one per server process): autocannon spreads the connections over them evenly
    // (its types declare a single one).
    url: (urls.length === 1 ? urls[0]! : urls) as string,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ ...request, setupRequest: forwardedFor() }],
  });
}

export type Target = {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  expectedStatus: number;
};

export function requestOf(run: Target): autocannon.Request {
  return {
    method: run.method,
    path: run.path,
    // What a browser sends that costs the server work: compression of the answer.
    headers: { "accept-encoding": "gzip, deflate", ...run.headers },
    ...(run.body === undefined ? {} : { body: run.body }),
  };
}

/** A target aimed at one setup's servers. */
type Aimed = Target & { urls: string[] };

/**
 * Runs the targets in turns (A B C A B C…), `rounds` times `durationSeconds / rounds` each, so that
 * other load on a shared machine falls on all of them alike. req/s = all requests over all the time;
 * p50 = the median of the rounds' p50; p99 = the worst round's p99.
 */
export async function loadInTurns(targets: Aimed[], options: LoadOptions & { rounds: number }): Promise<LoadRun[]> {
  for (const target of targets)
    if (options.warmupSeconds > 0) await fire(target.urls, requestOf(target), options.connections, options.warmupSeconds);
  const results = targets.map(() => [] as autocannon.Result[]);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, target] of targets.entries())
      results[i]!.push(await fire(target.urls, requestOf(target), options.connections, options.durationSeconds / options.rounds));
  }
  return targets.map((run, i) => {
    const rounds = results[i]!;
    const statuses: Record<string, number> = {};
    for (const r of rounds)
      for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = (statuses[code] ?? 0) + (s.count ?? 0);
    const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
    const seconds = rounds.reduce((a, r) => a + r.duration, 0);
    return {
      name: run.name,
      method: run.method,
      path: run.path,
      expectedStatus: run.expectedStatus,
      requestsPerSecond: answered / seconds,
      p50Ms: median(rounds.map((r) => r.latency.p50)),
      p99Ms: Math.max(...rounds.map((r) => r.latency.p99)),
      requests: answered,
      unexpected: answered - (statuses[String(run.expectedStatus)] ?? 0) + rounds.reduce((a, r) => a + r.errors, 0),
      statuses,
    };
  });
}

/** The bare route, showing a section (GET, with a draft) and saving it (POST, a valid form with the draft's cookie). */
export interface BenchTargets {
  baseline: Target;
  show: Target;
  save: Target;
}

/** The three targets against a server: makes the draft they use (the about section saved once) and checks its save. */
export async function benchTargets(base: string): Promise<BenchTargets> {
  const jar = new Jar();
  await giveConsent(base, jar);
  await answerSection(base, jar, "about");
  const cookie = jar.header();
  // Saving the same answers again leaves the stored state (and so the page's fingerprint) unchanged:
  // the same body stays valid for every request of the run.
  const body = (await sectionForm(base, jar, "about")).toString();
  const section = `/q/${QUESTIONNAIRE}/s/about`;
  const check = await fetch(base + section, {
    method: "POST",
    body,
    headers: { ...HEADERS, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  if (check.status !== 302)
    throw new Error(`The save to benchmark does not work: ${check.status}\n${(await check.text()).slice(0, 500)}`);
  return {
    baseline: { name: "baseline (bare route)", method: "GET", path: "/bench/baseline", expectedStatus: 200 },
    show: {
      name: "show section (GET about)",
      method: "GET",
      path: section,
      headers: { ...HEADERS, cookie },
      expectedStatus: 200,
    },
    save: {
      name: "save section (POST about)",
      method: "POST",
      path: section,
      headers: { ...HEADERS, cookie, "content-type": "application/x-www-form-urlencoded" },
      body,
      expectedStatus: 302,
    },
  };
}

/** Servers to load together: one engine with one or more processes (their URLs). */
export interface ServerSetup {
  engine: string;
  processes: number;
  urls: string[];
}

export interface SetupResult {
  engine: string;
  processes: number;
  baseline: LoadRun;
  show: LoadRun;
  save: LoadRun;
  /** Against the bare route of the same setup in the same run. */
  showRatio: number;
  saveRatio: number;
}

export interface ServerResult {
  rounds: number;
  connections: number;
  durationSeconds: number;
  setups: SetupResult[];
}

/**
 * The three targets of every setup, all in the same turns (each setup's baseline, show and save, then
 * the next setup's…), so that the ratios between setups are measured under the same outside load.
 */
export async function measureServer(setups: ServerSetup[], options: LoadOptions & { rounds: number }): Promise<ServerResult> {
  const targets: Aimed[] = [];
  for (const setup of setups) {
    const { baseline, show, save } = await benchTargets(setup.urls[0]!);
    for (const target of [baseline, show, save]) targets.push({ ...target, urls: setup.urls });
  }
  const runs = await loadInTurns(targets, options);
  return {
    rounds: options.rounds,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    setups: setups.map((setup, i) => {
      const [baseline, show, save] = runs.slice(i * 3, i * 3 + 3) as [LoadRun, LoadRun, LoadRun];
      return {
        engine: setup.engine,
        processes: setup.processes,
        baseline,
        show,
        save,
        showRatio: ratio(show.requestsPerSecond, baseline.requestsPerSecond),
        saveRatio: ratio(save.requestsPerSecond, baseline.requestsPerSecond),
      };
    }),
  };
}
