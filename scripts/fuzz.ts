// npm run fuzz [-- RUNS]: sends RUNS (default 10,000) malformed submissions to every public action of the
// built app (npm run build first) and reports the count and any case answered badly.
import path from "node:path";
import fc from "fast-check";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { checkCase, publicCase } from "../tests/fuzz/public-actions";
import { tempDir } from "../tests/support/test-env";

const runs = Number(process.argv[2] ?? 10_000);
const databasePath = path.join(tempDir("consulta-fuzz-"), "consulta.db");
Object.assign(process.env, {
  DATABASE_PATH: databasePath,
  ENABLE_DEMO: "1",
  SESSION_SECRET: "fuzz-secret-long-enough-0123456789abcdefghij",
  PUBLIC_URL: "http://localhost",
});
const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
const handler = createRequestHandler(build, "production");
// Server errors would be logged: count them too.
let logged = 0;
console.error = () => void logged++;
// Remix warns about every unknown path; the fuzz sends many on purpose.
console.warn = () => undefined;

let cases = 0;
let address = 0;
const problems: string[] = [];
const started = Date.now();
await fc
  .assert(
    fc.asyncProperty(publicCase, async (c) => {
      cases++;
      address++;
      const problem = await checkCase(
        (r, a) => handler(r, { clientAddress: a }),
        databasePath,
        `10.${address >> 16}.${(address >> 8) & 255}.${address & 255}`,
        c,
      );
      if (problem) problems.push(problem);
      return problem === null;
    }),
    { numRuns: runs, endOnFailure: false },
  )
  .catch((error: Error) => problems.push(error.message.split("\n")[0]!));
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `${cases} malformed submissions to the public actions in ${seconds} s: ${problems.length ? `${problems.length} answered badly` : "all answered with a proper status, none a 5xx"}; server errors logged: ${logged}.`,
);
for (const p of problems.slice(0, 5)) console.log(`- ${p}`);
process.exit(problems.length || logged ? 1 : 0);
