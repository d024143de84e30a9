import fs from "node:fs";
import path from "node:path";
import { fallbackLanguage } from "./config";
import { loadLocaleMeta, loadResources } from "./resources.server";
import { formatSourceRecord, parseSourceRecord, sourceRecordFile } from "./source-record";
import { contextDescriber, type ContextSources } from "./string-context";
import { exportXliff, type XliffExport } from "./xliff";

/**
 * An XLIFF export of one language from a locales folder, with its source record kept beside
 * the language's files: for `npm run i18n:export` and the administrators' translations page.
 */
export async function exportXliffFromFolder(
  dir: string,
  language: string,
  sources: Omit<ContextSources, "meta"> = {},
): Promise<XliffExport> {
  const resources = loadResources(dir);
  const meta = loadLocaleMeta(dir);
  const english = resources[fallbackLanguage]!;
  const recordPath = path.join(dir, language, sourceRecordFile);
  const before = fs.existsSync(recordPath) ? fs.readFileSync(recordPath, "utf8") : undefined;
  const result = await exportXliff({
    english,
    target: resources[language],
    sourceLanguage: fallbackLanguage,
    language,
    record: parseSourceRecord(before),
    contextOf: contextDescriber(english, { ...sources, meta }),
    meta,
  });
  const after = formatSourceRecord(result.record);
  // A language without a folder has no translation to remember.
  if (after !== (before ?? formatSourceRecord({})) && fs.existsSync(path.join(dir, language)))
    fs.writeFileSync(recordPath, after);
  return result;
}

/** How many texts of an export are in each state, for a summary line. */
export function countStates(result: XliffExport): Record<"untranslated" | "translated" | "changed", number> {
  const count = (state: string) => result.units.filter((u) => u.state === state).length;
  return { untranslated: count("untranslated"), translated: count("translated"), changed: count("changed") };
}
