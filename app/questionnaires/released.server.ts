import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { questionnaireSchema } from "~/engine/definition";
import { definitionsFolder, listDefinitionFiles, readDefinitionFile } from "./definition-files.server";
import { wordingOf, type Released, type VersionWording } from "./versions";

/** Read from the source tree: for the release script, the changelog and the tests, not for serving. */
const releasedFile = path.join(definitionsFolder, "released.json");

export function readReleased(): Released {
  return fs.existsSync(releasedFile) ? (JSON.parse(fs.readFileSync(releasedFile, "utf8")) as Released) : {};
}

export function writeReleased(released: Released): void {
  fs.writeFileSync(releasedFile, JSON.stringify(released, null, 2) + "\n");
}

export function digestOf(file: string): string {
  return crypto
    .createHash("sha256")
    .update(fs.readFileSync(path.join(definitionsFolder, file)))
    .digest("hex");
}

/** Each definition file's digest as it is now. */
export function currentDigests(): Record<string, string> {
  return Object.fromEntries(listDefinitionFiles().map(({ file }) => [file, digestOf(file)]));
}

function englishLocale(id: string): unknown {
  return JSON.parse(fs.readFileSync(path.join("locales", "en", `${id}.json`), "utf8"));
}

/** Every version of a questionnaire with its wording as released (or as the locale has it, when not released). */
export function versionWordings(id: string, released: Released = readReleased()): VersionWording[] {
  return listDefinitionFiles()
    .filter((f) => f.id === id)
    .map(({ file }) => {
      const questionnaire = questionnaireSchema.parse(readDefinitionFile(file));
      return { questionnaire, wording: released[file]?.wording ?? wordingOf(questionnaire, englishLocale(id)) };
    });
}

/** The locale's current wording of a version: what respondents (and exports) see today. */
export function currentWording(version: VersionWording): VersionWording {
  return { ...version, wording: wordingOf(version.questionnaire, englishLocale(version.questionnaire.id)) };
}

/** Records a version as released: its digest and its wording now. */
export function release(file: string, released: Released = readReleased()): Released {
  const questionnaire = questionnaireSchema.parse(readDefinitionFile(file));
  return { ...released, [file]: { sha256: digestOf(file), wording: wordingOf(questionnaire, englishLocale(questionnaire.id)) } };
}
