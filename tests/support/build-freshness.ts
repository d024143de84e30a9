import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** What `npm run build` reads: the app, the migrations it bundles, the wording, the build scripts and settings. */
export const BUILD_INPUTS = [
  "app",
  "db",
  "locales",
  "server.mjs",
  "remix.config.js",
  "scripts/build-client.mjs",
  "scripts/build-worker.mjs",
  "package.json",
  "tsconfig.json",
];

/** What it writes, and what the tests load: the server build, the export worker, the respondent script's address. */
export const BUILD_OUTPUTS = ["build/index.js", "build/export-worker.js", "build/client-manifest.json"];

// Tests are not part of the build (remix.config.js ignores them): editing one needs no rebuild.
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

function newestInput(root: string, entry: string): number {
  const full = path.join(root, entry);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows as a change of its folder
  for (const name of fs.readdirSync(full, { recursive: true, encoding: "utf8" })) {
    if (isTest(name)) continue;
    newest = Math.max(newest, fs.statSync(path.join(full, name)).mtimeMs);
  }
  return newest;
}

/** Why the build must be made again before tests load it, or null when it is newer than everything it is made from. */
export function staleBuildReason(root: string): string | null {
  let oldestOutput = Infinity;
  for (const output of BUILD_OUTPUTS) {
    const stat = fs.statSync(path.join(root, output), { throwIfNoEntry: false });
    if (!stat) return `${output} is missing`;
    oldestOutput = Math.min(oldestOutput, stat.mtimeMs);
  }
  const changed = BUILD_INPUTS.find((input) => newestInput(root, input) > oldestOutput);
  return changed ? `${changed} changed since the last build` : null;
}

/** Runs `npm run build` in `root` when the build is stale; throws when the build fails. */
export function buildWhenStale(root: string, log: (line: string) => void = console.log): void {
  const reason = staleBuildReason(root);
  if (!reason) return;
  log(`Building the app first: ${reason}.`);
  // Vitest sets NODE_ENV=test; the tests load the production build, as `npm run build` makes it from a shell.
  const env = { ...process.env, NODE_ENV: "production" as const };
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env });
  // The classic compiler's esbuild may print a deadlock after a complete build: judge by exit code and output.
  const missing = BUILD_OUTPUTS.find((output) => !fs.existsSync(path.join(root, output)));
  if (result.status !== 0 || missing) {
    throw new Error(`npm run build failed (exit code ${result.status ?? result.signal}): the tests would load an old build.`);
  }
}
