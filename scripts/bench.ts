// npm run bench [-- --only weight,server,export,download,durability] [--duration 10] [--rounds 2]
//   [--warmup 2] [--connections 50] [--responses 100000] [--keep]
// Measures the built app (npm run build first) and prints a table; writes bench/results/latest.json.
// Every figure is compared with a baseline measured in the same run, because the machine is shared
// and absolute timings drift. Exits non-zero when a page is over bench/budget.json or a part failed.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { getQuestionnaire } from "../app/questionnaires/registry.server";
import { fillDatabase, type FillResult } from "./bench-data";
import { measureDownload, type DownloadResult } from "./bench-download";
import { measureDurability, type DurabilityResult } from "./bench-durability";
import { checkPageBudget, fixed, kb, ratio, renderTable, verdict, whole, type BudgetVerdict, type PageWeight } from "./bench-lib";
import {
  completeDraft,
  measureServer,
  QUESTIONNAIRE,
  SECTION_IDS,
  startBenchServer,
  startBenchServers,
  submitDraft,
  type BenchServer,
  type Jar,
  type LoadRun,
  type ServerResult,
  type ServerSetup,
  type SetupResult,
} from "./bench-server";
import { launchChromium, weighPage } from "./bench-weight";

const PARTS = ["weight", "server", "export", "download", "durability"] as const;
type Part = (typeof PARTS)[number];

interface Budget {
  pageWeight: { maxWireBytesPerPage: number };
  server: {
    connections: number;
    durationSeconds: number;
    minRatioToBaseline: number;
    maxP99Ms: number;
    minRatioToOneProcess: number;
  };
  export: { responses: number; maxRatioToBaseline: number; maxPeakRssBytes: number; maxRatioToCodedCsv: number };
  download: { respondents: number; baselineSeconds: number; maxP99Ms: number; maxFirstByteMs: number };
}

const budget = JSON.parse(fs.readFileSync("bench/budget.json", "utf8")) as Budget;
const { values: args } = parseArgs({
  options: {
    only: { type: "string", default: PARTS.join(",") },
    duration: { type: "string", default: String(budget.server.durationSeconds) },
    warmup: { type: "string", default: "2" },
    rounds: { type: "string", default: "2" },
    connections: { type: "string", default: String(budget.server.connections) },
    responses: { type: "string", default: String(budget.export.responses) },
    keep: { type: "boolean", default: false },
    engines: { type: "string", default: "sqlite,postgres" },
  },
});
const only = new Set(args.only!.split(",").map((s) => s.trim()));
for (const part of only)
  if (!PARTS.includes(part as Part)) throw new Error(`--only: unknown part "${part}" (${PARTS.join(", ")})`);
if (!fs.existsSync("build/index.js") || !fs.existsSync("build/client-manifest.json")) {
  console.error('No build: run "npm run build" first (npm run bench does).');
  process.exit(2);
}

const MB = 1024 * 1024;
const out: string[] = [];
const say = (text = "") => {
  out.push(text);
  console.log(text);
};
const failures: string[] = [];
const goals: Array<{ goal: string; met: boolean | null; detail: string }> = [];

function git(...command: string[]): string {
  try {
    return execFileSync("git", command, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}
const commit = git("rev-parse", "--short", "HEAD") || "unknown";
const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
const machine = {
  cpu: os.cpus()[0]?.model.trim() ?? "unknown",
  cores: os.cpus().length,
  memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  chromium: "",
};
const startedAt = new Date();
say(
  `Consulta bench · ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine.cpu}, ${machine.cores} cores, ${
    machine.memoryGiB
  } GiB · Node ${machine.node}`,
);
say(
  `Build of commit ${commit}${dirty ? " with uncommitted changes" : ""}; load average at start ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

async function part<T>(name: Part, run: () => Promise<T>): Promise<T | undefined> {
  if (!only.has(name)) return undefined;
  try {
    return await run();
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    say(`\n${name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  }
}

// ---- Server: page weight and load -----------------------------------------------------------------

let server: BenchServer | undefined;
async function theServer(): Promise<BenchServer> {
  server ??= await startBenchServer();
  return server;
}

interface WeightResult {
  pages: PageWeight[];
  baseline: PageWeight;
  verdicts: BudgetVerdict[];
}

const weight = await part("weight", async (): Promise<WeightResult> => {
  const { url } = await theServer();
  const browser = await launchChromium();
  machine.chromium = browser.version();
  try {
    // Each page twice: in gzip (the budget's measure) and as Chromium asks by itself (brotli here).
    const weigh = async (name: string, pagePath: string, jar?: Jar) => {
      const page = await weighPage(browser, url, name, pagePath, jar);
      page.browserWire = (await weighPage(browser, url, name, pagePath, jar, { gzip: false })).total.wire;
      return page;
    };
    const baseline = await weigh("bare page (baseline)", "/bench/baseline?page");
    const pages: PageWeight[] = [await weigh("start page (consent)", `/q/${QUESTIONNAIRE}`)];
    // A draft that reaches every page: all three areas, every required answer given.
    const jar = await completeDraft(url);
    for (const section of SECTION_IDS) pages.push(await weigh(section, `/q/${QUESTIONNAIRE}/s/${section}`, jar));
    pages.push(await weigh("review", `/q/${QUESTIONNAIRE}/review`, jar));
    await submitDraft(url, jar);
    pages.push(await weigh("thanks", `/q/${QUESTIONNAIRE}/thanks`, jar));
    return { pages, baseline, verdicts: checkPageBudget(pages, budget.pageWeight) };
  } finally {
    await browser.close();
  }
});

if (weight) {
  const limit = budget.pageWeight.maxWireBytesPerPage;
  say(
    `\nPage weight: ${QUESTIONNAIRE}, first visit (empty cache), JavaScript on; KB; raw = decoded, wire = gzip body + headers; br = all wire as Chromium asks itself`,
  );
  const row = (p: PageWeight, over?: boolean) => [
    p.name,
    kb(p.byKind.html.raw),
    kb(p.byKind.html.wire),
    kb(p.byKind.css.raw),
    kb(p.byKind.css.wire),
    kb(p.byKind.js.raw),
    kb(p.byKind.js.wire),
    kb(p.total.raw),
    kb(p.total.wire),
    kb(p.browserWire ?? NaN),
    `${fixed(ratio(p.total.wire, weight.baseline.total.wire))}×`,
    over === undefined ? "" : over ? "OVER" : "ok",
  ];
  say(
    renderTable([
      [
        "page",
        "HTML raw",
        "HTML wire",
        "CSS raw",
        "CSS wire",
        "JS raw",
        "JS wire",
        "all raw",
        "all wire",
        "all br",
        "vs bare",
        `≤ ${kb(limit)} wire`,
      ],
      row(weight.baseline),
      ...weight.pages.map((p, i) => row(p, weight.verdicts[i]!.over)),
    ]),
  );
  const encodings = [...new Set(weight.pages.flatMap((p) => p.encodings))];
  say(
    `Content-Encoding of the gzip loads: ${encodings.join(", ") || "none"}. "vs bare" = all wire over the bare page's. Chromium ${
      machine.chromium
    }.`,
  );
  const heaviest = weight.verdicts.reduce((a, b) => (b.wire > a.wire ? b : a));
  const over = weight.verdicts.filter((v) => v.over);
  goals.push({
    goal: `every respondent page ≤ ${kb(limit)} KB on the wire`,
    met: over.length === 0,
    detail: `heaviest: ${heaviest.name}, ${kb(heaviest.wire)} KB`,
  });
  for (const v of over)
    failures.push(
      `page weight: ${v.path} is ${kb(v.wire)} KB on the wire, over the budget of ${kb(v.limit)} KB (bench/budget.json)`,
    );
}

/**
 * The database engines the server part runs on, each a column of its table. An engine gives the
 * settings the server reads (its env) and starts and stops whatever it needs; SQLite needs nothing
 * (each setup gets a fresh file in its temporary folder).
 */
interface BenchEngine {
  name: string;
  /** Prepares a fresh database for one setup and returns the server's settings for it, and how to drop it. */
  database: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;
}
const ALL_ENGINES: Record<string, BenchEngine> = {
  sqlite: { name: "SQLite", database: async () => ({ env: {}, drop: async () => {} }) },
  // A throwaway cluster from Debian's binaries (tests/support/postgres.ts), one per setup.
  postgres: {
    name: "PostgreSQL",
    database: async () => {
      const { startPostgresDatabase } = await import("../tests/support/postgres");
      const database = await startPostgresDatabase();
      return { env: { DATABASE_URL: database.url }, drop: async () => database.stop() };
    },
  },
};
const ENGINES: BenchEngine[] = args.engines!.split(",").map((name) => {
  const engine = ALL_ENGINES[name.trim()];
  if (!engine) throw new Error(`--engines: ${name} is not one of ${Object.keys(ALL_ENGINES).join(", ")}`);
  return engine;
});
/** One process, then several on one database (behind a proxy, here autocannon spreading its connections). */
const PROCESS_COUNTS = [1, 2];

const load = await part("server", async (): Promise<ServerResult> => {
  const started: Array<{ stop: () => Promise<void> }> = [];
  try {
    const setups: ServerSetup[] = [];
    for (const engine of ENGINES) {
      for (const processes of PROCESS_COUNTS) {
        const database = await engine.database();
        started.push({ stop: database.drop });
        const servers = await startBenchServers(processes, { env: database.env });
        started.unshift(servers);
        setups.push({ engine: engine.name, processes, urls: servers.urls });
      }
    }
    return await measureServer(setups, {
      connections: Number(args.connections),
      durationSeconds: Number(args.duration),
      warmupSeconds: Number(args.warmup),
      rounds: Math.max(1, Number(args.rounds)),
    });
  } finally {
    for (const s of started) await s.stop();
  }
});

if (load) {
  const g = budget.server;
  say(
    `\nServer: autocannon, ${load.connections} connections, ${load.durationSeconds} s per request in ${load.rounds} turns after ${args.warmup} s of warm-up, ` +
      `loopback; several processes share one database, autocannon spreads the connections over their ports ` +
      `(p50: median of turns, p99: worst turn; every setup in the same turns, so compare ratios within this run)`,
  );
  const oneProcess = (engine: string) => load.setups.find((s) => s.engine === engine && s.processes === 1);
  const row = (setup: SetupResult, r: LoadRun, x: number) => {
    const single = setup.processes === 1 ? undefined : oneProcess(setup.engine);
    const same = single ? [single.baseline, single.show, single.save].find((s) => s.name === r.name) : undefined;
    return [
      setup.engine,
      String(setup.processes),
      r.name,
      `${r.method} ${r.path}`,
      whole(r.requestsPerSecond),
      fixed(r.p50Ms, 1),
      fixed(r.p99Ms, 1),
      `${fixed(x)}×`,
      same ? `${fixed(ratio(r.requestsPerSecond, same.requestsPerSecond))}×` : "",
      whole(r.requests),
      whole(r.unexpected),
    ];
  };
  say(
    renderTable([
      [
        "engine",
        "processes",
        "run",
        "request",
        "req/s",
        "p50 ms",
        "p99 ms",
        "vs baseline",
        "vs 1 process",
        "requests",
        "unexpected",
      ],
      ...load.setups.flatMap((setup) => [
        row(setup, setup.baseline, 1),
        row(setup, setup.show, setup.showRatio),
        row(setup, setup.save, setup.saveRatio),
      ]),
    ]),
  );
  for (const setup of load.setups) {
    const label = `${setup.engine}, ${setup.processes} process${setup.processes === 1 ? "" : "es"}`;
    for (const [r, x] of [
      [setup.show, setup.showRatio],
      [setup.save, setup.saveRatio],
    ] as const) {
      if (setup.processes === 1) {
        goals.push({
          goal: `${label}, ${r.name}: ≥ ${g.minRatioToBaseline}× baseline req/s`,
          met: x >= g.minRatioToBaseline && r.unexpected === 0,
          detail: `${fixed(x)}× baseline`,
        });
        goals.push({
          goal: `${label}, ${r.name}: p99 < ${g.maxP99Ms} ms at ${load.connections} connections`,
          met: r.p99Ms < g.maxP99Ms && r.unexpected === 0,
          detail: `p99 ${fixed(r.p99Ms, 1)} ms`,
        });
      } else {
        const single = oneProcess(setup.engine);
        const one = r === setup.show ? single?.show : single?.save;
        const gain = ratio(r.requestsPerSecond, one?.requestsPerSecond ?? NaN);
        goals.push({
          goal: `${label}, ${r.name}: ≥ ${g.minRatioToOneProcess}× one process's req/s`,
          met: gain >= g.minRatioToOneProcess && r.unexpected === 0,
          detail: `${fixed(gain)}× one process`,
        });
      }
    }
    for (const r of [setup.baseline, setup.show, setup.save])
      if (r.unexpected > 0)
        failures.push(`server (${label}): ${r.name} had ${r.unexpected} unexpected answers: ${JSON.stringify(r.statuses)}`);
  }
}

// ---- Export ------------------------------------------------------------------------------------

interface ChildResult {
  ms: number;
  bytes: number;
  maxRssBytes: number;
  cpuMs: number;
  rows?: number;
  columns?: number;
}

function child(mode: "export" | "papaparse", input: string, output: string, format = "coded"): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "scripts/bench-export-child.ts", mode, input, output, format], {
      env: { ...process.env, DATABASE_PATH: input },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    proc.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    proc.on("error", reject);
    proc.on("exit", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code !== 0 || !line) reject(new Error(`${mode} child exited with ${code}:\n${stdout}`));
      else resolve(JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildResult);
    });
  });
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

interface ExportResult {
  generation: FillResult;
  export: ChildResult;
  baseline: ChildResult;
  ratio: number;
  identical: boolean;
  /** Analysis files of the same rows, each against the coded CSV's export time. */
  files: Array<{ format: string; run: ChildResult; ratio: number }>;
}

/** Formats written beside the coded CSV, each in its own child; the zip is judged by its time. */
const ANALYSIS_FORMATS = ["dta", "sav", "xlsx", "zip"] as const;

const exported = await part("export", async (): Promise<ExportResult> => {
  const questionnaire = getQuestionnaire(QUESTIONNAIRE)!;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-bench-export-"));
  try {
    const database = path.join(directory, "responses.db");
    const generation = await fillDatabase(database, questionnaire, Number(args.responses));
    const csv = path.join(directory, "coded.csv");
    const papa = path.join(directory, "papaparse.csv");
    const exportRun = await child("export", database, csv);
    const baseline = await child("papaparse", csv, papa);
    const files = [];
    for (const format of ANALYSIS_FORMATS) {
      const run = await child("export", database, path.join(directory, `export.${format}`), format);
      files.push({ format, run, ratio: ratio(run.ms, exportRun.ms) });
    }
    return {
      files,
      generation,
      export: exportRun,
      baseline,
      ratio: ratio(exportRun.ms, baseline.ms),
      identical: sha256(csv) === sha256(papa),
    };
  } finally {
    if (args.keep) console.log(`Kept ${directory}`);
    else fs.rmSync(directory, { recursive: true, force: true });
  }
});

if (exported) {
  const g = budget.export;
  const e = exported.export;
  say(
    `\nExport: coded CSV of ${whole(exported.generation.responses)} submitted responses (${
      e.columns ?? exported.baseline.columns
    } columns, ` + `${fixed(e.bytes / MB, 1)} MB), each side in its own child process`,
  );
  say(
    renderTable([
      ["run", "time s", "CPU s", "peak RSS MB", "vs baseline"],
      [
        "exportDataset → file (streamed)",
        fixed(e.ms / 1000, 1),
        fixed(e.cpuMs / 1000, 1),
        fixed(e.maxRssBytes / MB, 0),
        `${fixed(exported.ratio)}×`,
      ],
      [
        "Papa.unparse → file (rows in memory)",
        fixed(exported.baseline.ms / 1000, 1),
        fixed(exported.baseline.cpuMs / 1000, 1),
        fixed(exported.baseline.maxRssBytes / MB, 0),
        "1.00×",
      ],
    ]),
  );
  say(
    `Same bytes written by both: ${exported.identical ? "yes" : "NO"}. Generated ${whole(
      exported.generation.answers,
    )} answers and ` +
      `${whole(exported.generation.codes)} codes in ${fixed(
        exported.generation.ms / 1000,
        1,
      )} s. Baseline RSS includes the rows held in memory; CPU s covers the whole child.`,
  );
  goals.push({
    goal: `export time ≤ ${g.maxRatioToBaseline}× Papa.unparse`,
    met: exported.ratio <= g.maxRatioToBaseline,
    detail: `${fixed(exported.ratio)}× baseline`,
  });
  goals.push({
    goal: `export peak RSS < ${fixed(g.maxPeakRssBytes / MB, 0)} MB`,
    met: e.maxRssBytes < g.maxPeakRssBytes,
    detail: `peak ${fixed(e.maxRssBytes / MB, 0)} MB`,
  });
  if (!exported.identical) failures.push("export: the baseline did not write the same bytes as the export");
  say(
    renderTable([
      ["same rows as", "time s", "CPU s", "peak RSS MB", "MB", "vs coded CSV"],
      ...exported.files.map((f) => [
        f.format,
        fixed(f.run.ms / 1000, 1),
        fixed(f.run.cpuMs / 1000, 1),
        fixed(f.run.maxRssBytes / MB, 0),
        fixed(f.run.bytes / MB, 1),
        `${fixed(f.ratio)}×`,
      ]),
    ]),
  );
  for (const f of exported.files) {
    goals.push(
      f.format === "zip"
        ? { goal: "whole zip ≤ 60 s", met: f.run.ms <= 60_000, detail: `${fixed(f.run.ms / 1000, 1)} s` }
        : {
            goal: `${f.format} ≤ ${g.maxRatioToCodedCsv}× the coded CSV`,
            met: f.ratio <= g.maxRatioToCodedCsv,
            detail: `${fixed(f.ratio)}× coded CSV`,
          },
    );
    goals.push({
      goal: `${f.format} peak RSS < ${fixed(g.maxPeakRssBytes / MB, 0)} MB`,
      met: f.run.maxRssBytes < g.maxPeakRssBytes,
      detail: `peak ${fixed(f.run.maxRssBytes / MB, 0)} MB`,
    });
  }
}

// ---- Download: respondents while the zip of every response is made -------------------------------

const download = await part("download", (): Promise<DownloadResult> =>
  measureDownload({
    responses: Number(args.responses),
    respondents: budget.download.respondents,
    baselineSeconds: budget.download.baselineSeconds,
    keep: args.keep!,
  }),
);
if (download) {
  const g = budget.download;
  say(
    `\nDownload: GET ${download.page} by ${download.respondents} respondents in a loop, first with nothing else running ` +
      `(${g.baselineSeconds} s), then while a signed-in organiser downloads the zip of ${whole(download.generation.responses)} responses`,
  );
  const row = (name: string, p: DownloadResult["baseline"], x: number) => [
    name,
    whole(p.requests),
    fixed(p.p50Ms, 1),
    fixed(p.p99Ms, 1),
    `${fixed(x)}×`,
    whole(p.unexpected),
  ];
  say(
    renderTable([
      ["respondent page", "requests", "p50 ms", "p99 ms", "p99 vs baseline", "unexpected"],
      row("nothing else running (baseline)", download.baseline, 1),
      row("while the zip downloads", download.during, download.p99Ratio),
    ]),
  );
  const z = download.zip;
  say(
    `Zip: first byte after ${whole(z.firstByteMs)} ms, complete after ${fixed(z.totalMs / 1000, 1)} s, ${fixed(z.bytes / MB, 1)} MB` +
      `${z.complete ? "" : " (INCOMPLETE: no end record)"}. Server RSS ${fixed(download.rss.beforeBytes / MB, 0)} MB before the export, ` +
      `peak ${fixed(download.rss.peakBytes / MB, 0)} MB (VmHWM). Generated the responses in ${fixed(download.generation.ms / 1000, 1)} s.`,
  );
  goals.push({
    goal: `respondent page p99 < ${g.maxP99Ms} ms while the zip downloads`,
    met: download.during.p99Ms < g.maxP99Ms && download.during.unexpected === 0,
    detail: `p99 ${fixed(download.during.p99Ms, 1)} ms, ${fixed(download.p99Ratio)}× baseline`,
  });
  goals.push({
    goal: `zip's first byte within ${whole(g.maxFirstByteMs)} ms`,
    met: z.firstByteMs < g.maxFirstByteMs,
    detail: `${whole(z.firstByteMs)} ms`,
  });
  if (!z.complete) failures.push("download: the zip did not end with its directory's end record");
  if (download.baseline.unexpected + download.during.unexpected > 0)
    failures.push(
      `download: ${download.baseline.unexpected + download.during.unexpected} respondent pages were not answered 200`,
    );
}

// ---- Durability ------------------------------------------------------------------------------

const durability = await part("durability", (): Promise<DurabilityResult> => measureDurability());
if (durability) {
  say(
    `\nDurability: one section saved per transaction (saveSection), WAL, ${durability.rounds} alternating rounds of ${
      durability.secondsPerRound
    } s per mode, database in ${os.tmpdir()}`,
  );
  const row = (m: DurabilityResult["modes"]["NORMAL"], label: string) => [
    label,
    whole(m.savesPerSecond),
    fixed(m.p50Ms, 2),
    fixed(m.p99Ms, 2),
    `${fixed(ratio(m.savesPerSecond, durability.modes.NORMAL.savesPerSecond))}×`,
  ];
  say(
    renderTable([
      ["synchronous", "saves/s", "p50 ms", "p99 ms", "vs NORMAL"],
      row(durability.modes.NORMAL, "NORMAL (the app's, db/connection.ts)"),
      row(durability.modes.FULL, "FULL"),
    ]),
  );
  say(
    "The app uses NORMAL (db/connection.ts): in WAL mode no crash of the app or its process loses or corrupts a committed save; " +
      "only a power cut or an operating-system crash can roll back the saves made since the last checkpoint, which FULL would keep at the cost above.",
  );
}

// ---- Summary ------------------------------------------------------------------------------------

if (goals.length) {
  say("\nGoals");
  say(renderTable([["goal", "result", "figure"], ...goals.map((g) => [g.goal, verdict(g.met), g.detail])]));
}
if (failures.length) {
  say("\nProblems");
  for (const f of failures) say(`- ${f}`);
}

const results = {
  date: startedAt.toISOString(),
  commit,
  uncommittedChanges: dirty,
  machine,
  loadAverageAtStart: os.loadavg(),
  options: {
    parts: [...only],
    durationSeconds: Number(args.duration),
    warmupSeconds: Number(args.warmup),
    connections: Number(args.connections),
    responses: Number(args.responses),
  },
  budget,
  pageWeight: weight ?? null,
  server: load ?? null,
  export: exported ?? null,
  download: download ?? null,
  durability: durability ? { ...durability, appUses: "NORMAL" } : null,
  goals,
  failures,
  table: out.join("\n"),
};
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync("bench/results/latest.json", `${JSON.stringify(results, null, 2)}\n`);
console.log("\nWrote bench/results/latest.json");
process.exit(failures.length ? 1 : 0);
