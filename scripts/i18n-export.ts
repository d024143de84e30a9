// npm run i18n:export -- --lang es [--format csv|xliff] [--out FILE] [--dir DIR]
//
// Writes every text a language needs, with its context, for translators' tools:
// - csv (the default): namespace,key,english,translation,context (UTF-8 with BOM, RFC 4180);
// - xliff: XLIFF 1.2 for CAT tools (Trados, memoQ), with the state of each text. It records
//   the English of each translation in locales/<lang>/.source-record.json, so the next export
//   marks the texts whose English changed as needing review.
// Without --out, prints the file. Translate, then: npm run i18n:import -- --lang es FILE
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { collectCodeUsage } from "../app/i18n/code-usage.server";
import { fallbackLanguage } from "../app/i18n/config";
import { exportRows, rowsToCsv } from "../app/i18n/csv-roundtrip";
import { loadLocaleMeta, loadResources, localesDir } from "../app/i18n/resources.server";
import { contextDescriber } from "../app/i18n/string-context";
import { countStates, exportXliffFromFolder } from "../app/i18n/xliff-files.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = "Usage: npm run i18n:export -- --lang es [--format csv|xliff] [--out FILE] [--dir DIR]";
const { values } = parseArgs({
  options: {
    lang: { type: "string" },
    language: { type: "string" },
    format: { type: "string", default: "csv" },
    out: { type: "string" },
    dir: { type: "string" },
  },
});
const language = values.lang ?? values.language;
if (!language || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
  console.error(`${usage}\n--lang is the language code, the name of its folder in locales/ (a new one is fine).`);
  process.exit(2);
}
if (language === fallbackLanguage) {
  console.error(`English is the source text: edit locales/${fallbackLanguage}/ directly.`);
  process.exit(2);
}
if (values.format !== "csv" && values.format !== "xliff") {
  console.error(`${usage}\n--format is csv or xliff.`);
  process.exit(2);
}

const dir = path.resolve(values.dir ?? localesDir);
const resources = loadResources(dir);
const meta = loadLocaleMeta(dir);
const code = await collectCodeUsage(root);
const english = resources[fallbackLanguage]!;
const contextOf = contextDescriber(english, { questionnaires: code.questionnaires, usage: code.usage, meta });

function write(content: string, summary: string) {
  if (values.out) {
    fs.writeFileSync(values.out, content);
    console.error(`Wrote ${summary} to ${values.out}.`);
  } else {
    process.stdout.write(content);
  }
}

if (values.format === "csv") {
  const rows = exportRows(english, resources[language], language, contextOf);
  const todo = rows.filter((r) => r.translation === "").length;
  write(rowsToCsv(rows), `${rows.length} texts of ${language} (${todo} still to translate)`);
} else {
  const result = await exportXliffFromFolder(dir, language, { questionnaires: code.questionnaires, usage: code.usage });
  const states = countStates(result);
  write(
    result.xml,
    `${result.units.length} texts of ${language} as XLIFF 1.2 (${states.untranslated} untranslated, ${states.changed} to review: their English changed, ${states.translated} translated)`,
  );
}
