import fs from "node:fs";
import path from "node:path";

/**
 * The URLs of the respondent and organiser scripts, content-hashed by scripts/build-client.mjs so
 * they can be cached for good. Read once at start.
 */
function readManifest(): { respondent: string; organiser: string } {
  const file = path.resolve("build/client-manifest.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as { respondent: string; organiser: string };
  } catch {
    throw new Error(`${file} is missing: run "npm run build" first`);
  }
}

const manifest = readManifest();
export const clientScriptUrl = manifest.respondent;
export const organiserScriptUrl = manifest.organiser;
