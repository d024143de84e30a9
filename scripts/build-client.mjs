// Builds the respondent script (app/client/*.ts) with a content hash and records its URL.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const outdir = "public/build/enhance";
fs.rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { respondent: "app/client/respondent.ts", organiser: "app/client/organiser.ts" },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2019"],
  outdir,
  entryNames: "[name]-[hash]",
  metafile: true,
  logLevel: "warning",
});
const urlOf = (entry) => {
  const output = Object.keys(result.metafile.outputs).find((f) => path.basename(f).startsWith(`${entry}-`) && f.endsWith(".js"));
  return "/" + path.relative("public", output).split(path.sep).join("/");
};
fs.mkdirSync("build", { recursive: true });
fs.writeFileSync(
  "build/client-manifest.json",
  JSON.stringify({ respondent: urlOf("respondent"), organiser: urlOf("organiser") }),
);
