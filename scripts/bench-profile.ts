// npx tsx scripts/bench-profile.ts [show|save|baseline] [--seconds 10] [--connections 50] [--out dir]
// A CPU profile (node --cpu-prof) of the bench server under the same load as `npm run bench --only server`,
// for one target, with the top frames by self time printed. The .cpuprofile opens in Chrome's DevTools.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchTargets, fire, requestOf, startBenchServer } from "./bench-server";
import { topFrames, type CpuProfile } from "./bench-lib";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    out: { type: "string", default: "bench/results/profiles" },
    top: { type: "string", default: "30" },
  },
});
const which = (positionals[0] ?? "show") as "show" | "save" | "baseline";
const out = path.resolve(args.out!);
fs.mkdirSync(out, { recursive: true });
const before = new Set(fs.readdirSync(out));
const server = await startBenchServer({ nodeOptions: ["--cpu-prof", `--cpu-prof-dir=${out}`] });
try {
  const targets = await benchTargets(server.url);
  const target = targets[which];
  const result = await fire([server.url], requestOf(target), Number(args.connections), Number(args.seconds));
  console.log(
    `${which}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx/3xx ${result.non2xx}`,
  );
} finally {
  await server.stop();
}
const file = fs.readdirSync(out).find((f) => !before.has(f) && f.endsWith(".cpuprofile"));
if (!file) throw new Error(`No profile written in ${out}`);
const target = path.join(out, `${which}-${file}`);
fs.renameSync(path.join(out, file), target);
const profile = JSON.parse(fs.readFileSync(target, "utf8")) as CpuProfile;
for (const line of topFrames(profile, Number(args.top))) console.log(line);
console.log(`Profile: ${target}`);
