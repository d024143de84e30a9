// npm run i18n:import -- --lang es FILE [--dry-run] [--dir DIR]
//
// Reads a CSV made by i18n:export (namespace,key,english,translation) and writes the
// language's locale files: keys in the English order, 2-space JSON. Rows with an unknown
// key or a broken placeholder are refused; empty translations are skipped. Exits with 1
// when a row was refused (the other rows are still written), 2 when the file is unusable.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fallbackLanguage } from "../app/i18n/config";
import { formatImport, importCsv } from "../app/i18n/csv-roundtrip";
import { loadResources, localesDir } from "../app/i18n/resources.server";
import { decodeText } from "../app/utils/decode-text";

const usage = "Usage: npm run i18n:import -- --lang es FILE [--dry-run] [--dir DIR]";
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    dir: { type: "string" },
  },
});
const language = values.lang;
const file = positionals[0];
if (!language || !file || positionals.length > 1 || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
  console.error(usage);
  process.exit(2);
}
if (language === fallbackLanguage) {
  console.error(`English is the source text: edit locales/${fallbackLanguage}/ directly.`);
  process.exit(2);
}

const dir = path.resolve(values.dir ?? localesDir);
const resources = loadResources(dir);
// Spreadsheets often save "CSV" as Windows-1252: read it as such and say so, never replace accents with �.
const decoded = decodeText(fs.readFileSync(file));
if (!decoded.ok) {
  console.error(
    `${file} is neither UTF-8 nor Windows-1252: save it from your spreadsheet as "CSV UTF-8 (comma delimited)" and import again.`,
  );
  process.exit(2);
}
if (decoded.encoding === "windows-1252")
  console.log(`${file} is not UTF-8: read as Windows-1252 (Western European). Check the accents in the changes below.`);
const result = importCsv(decoded.text, resources[fallbackLanguage]!, resources[language], language);
const dryRun = values["dry-run"];
console.log(formatImport(result, { dryRun, language }));
if (result.errors.length) process.exit(2);
if (!dryRun) {
  for (const [namespace, content] of Object.entries(result.files)) {
    fs.mkdirSync(path.join(dir, language), { recursive: true });
    fs.writeFileSync(path.join(dir, language, `${namespace}.json`), content);
  }
}
process.exit(result.refused.length ? 1 : 0);
