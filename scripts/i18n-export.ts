// npm run i18n:export -- --lang es [--out FILE] [--dir DIR]
//
// Writes every text a language needs as CSV for translators' tools:
// namespace,key,english,translation (UTF-8 with BOM, RFC 4180). Without --out, prints it.
// Translate the last column, then: npm run i18n:import -- --lang es FILE
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fallbackLanguage } from "../app/i18n/config";
import { exportRows, rowsToCsv } from "../app/i18n/csv-roundtrip";
import { loadResources, localesDir } from "../app/i18n/resources.server";

const usage = "Usage: npm run i18n:export -- --lang es [--out FILE] [--dir DIR]";
const { values } = parseArgs({
  options: {
    lang: { type: "string" },
    out: { type: "string" },
    dir: { type: "string" },
  },
});
const language = values.lang;
if (!language || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
  console.error(`${usage}\n--lang is the language code, the name of its folder in locales/ (a new one is fine).`);
  process.exit(2);
}
if (language === fallbackLanguage) {
  console.error(`English is the source text: edit locales/${fallbackLanguage}/ directly.`);
  process.exit(2);
}

const resources = loadResources(path.resolve(values.dir ?? localesDir));
const rows = exportRows(resources[fallbackLanguage]!, resources[language], language);
const csv = rowsToCsv(rows);
if (values.out) {
  fs.writeFileSync(values.out, csv);
  const todo = rows.filter((r) => r.translation === "").length;
  console.error(`Wrote ${rows.length} texts of ${language} to ${values.out} (${todo} still to translate).`);
} else {
  process.stdout.write(csv);
}
