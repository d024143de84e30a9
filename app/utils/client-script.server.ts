import fs from "node:fs";
import path from "node:path";

/**
 * The respondent script's URL, content-hashed by scripts/build-client.mjs so it can be
 * cached for good. Read once at start.
 */
function readManifest(): string {
  const file = path.resolve("build/client-manifest.json");
  try {
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { respondent: string }).respondent;
  } catch {
    throw new Error(`${file} is missing: run "npm run build" first`);
  }
}

export const clientScriptUrl = readManifest();
