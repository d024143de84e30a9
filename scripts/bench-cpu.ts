// NODE_ENV=production npx tsx scripts/bench-cpu.ts [--requests 300] [--batches 10] [--only baseline,show,save]
// The app's own CPU time per request, without HTTP: the built app's Remix handler called in this process
// (no Express, compression or load generator), in batches that alternate the bare route, showing the
// about section and saving it. Reports each one's best batch (CPU ms per request): on a machine shared
// with other work, the least disturbed batch is the closest to the cost itself, and the ratios to the
// bare route compare with those of `npm run bench --only server`. NODE_ENV must be set before React loads.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { benchTargets, type BenchTargets } from "./bench-server";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    batches: { type: "string", default: "10" },
    only: { type: "string", default: "baseline,show,save" },
  },
});
if (process.env.NODE_ENV !== "production") {
  console.error("Run with NODE_ENV=production (React's development build would be measured otherwise).");
  process.exit(2);
}
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-bench-cpu-"));
Object.assign(process.env, {
  DATABASE_PATH: path.join(directory, "consulta.db"),
  SESSION_SECRET: `${crypto.randomUUID()}${crypto.randomUUID()}`,
  PUBLIC_URL: "http://localhost",
  BENCH: "1",
});
const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
const handle = createRequestHandler(build, "production");
let address = 0;
// The targets are made through fetch, as over HTTP: here fetch calls the handler, each request from
// its own address (the save limit is per address, as behind a proxy).
globalThis.fetch = ((url: string, init?: RequestInit) =>
  handle(new Request(url, init), { clientAddress: `10.0.${(++address >> 8) & 255}.${address & 255}` })) as typeof fetch;
const targets = await benchTargets("http://localhost");
const names = args.only!.split(",") as Array<keyof BenchTargets>;

async function once(name: keyof BenchTargets) {
  const target = targets[name];
  const response = await fetch(`http://localhost${target.path}`, {
    method: target.method,
    headers: target.headers,
    body: target.body,
    redirect: "manual",
  });
  await response.text();
  if (response.status !== target.expectedStatus) throw new Error(`${target.name}: ${response.status}`);
}

const requests = Number(args.requests);
for (const name of names) for (let i = 0; i < 200; i++) await once(name);
const best = new Map<string, number>();
for (let batch = 0; batch < Number(args.batches); batch++) {
  for (const name of names) {
    const start = process.cpuUsage();
    for (let i = 0; i < requests; i++) await once(name);
    const used = process.cpuUsage(start);
    best.set(name, Math.min(best.get(name) ?? Infinity, (used.user + used.system) / 1000 / requests));
  }
}
const bare = best.get("baseline");
for (const name of names) {
  const ms = best.get(name)!;
  console.log(
    `${targets[name].name.padEnd(26)} ${ms.toFixed(3)} ms CPU per request${bare ? `, ${(bare / ms).toFixed(2)}× the bare route's rate` : ""}`,
  );
}
fs.rmSync(directory, { recursive: true, force: true });
