// npm run i18n:import -- [--lang es] FILE [--dry-run] [--dir DIR]
//
// Reads a file made by i18n:export, CSV (namespace,key,english,translation[,context]) or
// XLIFF 1.2 (.xlf, .xliff: the language is the file's target-language), and writes the
// language's locale files: keys in the English order, 2-space JSON. Texts with an unknown key,
// a placeholder that does not match English or markup are refused; empty ones are skipped.
// --dry-run says exactly what would be added and changed, and writes nothing. Exits with 1
// when a text was refused (the others are still written), 2 when the file is unusable.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fallbackLanguage } from "../app/i18n/config";
import { formatImport, importCsv, importTexts, type ImportResult } from "../app/i18n/csv-roundtrip";
import { loadLocaleMeta, loadResources, localesDir } from "../app/i18n/resources.server";
import { formatSourceRecord, parseSourceRecord, recordImport, sourceRecordFile } from "../app/i18n/source-record";
import { parseXliff } from "../app/i18n/xliff";
import { decodeText } from "../app/utils/decode-text";

const usage = "Usage: npm run i18n:import -- [--lang es] FILE [--dry-run] [--dir DIR]";
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: "string" },
    language: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    dir: { type: "string" },
  },
});
const languagePattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const file = positionals[0];
const given = values.lang ?? values.language;
if (!file || positionals.length > 1 || (given !== undefined && !languagePattern.test(given))) {
  console.error(usage);
  process.exit(2);
}

const dir = path.resolve(values.dir ?? localesDir);
const resources = loadResources(dir);
const meta = loadLocaleMeta(dir);
const bytes = fs.readFileSync(file);
// An XLIFF file by its name or its first character (a UTF-16 one starts with its byte order mark).
const head = bytes
  .subarray(0, 64)
  .toString("latin1")
  .replace(/^\xEF\xBB\xBF/, "")
  .trimStart();
const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
const isXliff = /\.(xlf|xliff)$/i.test(file) || head.startsWith("<") || utf16;

function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}

let language: string;
let result: ImportResult;
if (isXliff) {
  const parsed = await parseXliff(bytes, file);
  if (parsed.errors.length) refuse(formatImport({ ...emptyResult(), errors: parsed.errors }, { language: given ?? "?" }));
  // A CAT tool may name a region ("es-ES" for a project into Spanish of Spain) where the folder is "es".
  const sameOrRegion = (code: string | undefined, base: string) =>
    code === undefined || code.toLowerCase() === base.toLowerCase() || code.toLowerCase().startsWith(`${base.toLowerCase()}-`);
  const named = parsed.targetLanguage;
  if (!given && !named) refuse(`${file} names no target-language: give it with --lang.`);
  if (!given && !resources[named!] && named!.includes("-") && resources[named!.split("-")[0]!])
    refuse(
      `${file} is a translation into ${named}, and there is no folder ${named}: give --lang ${named!.split("-")[0]} to import it into that folder.`,
    );
  language = given ?? named!;
  if (!sameOrRegion(named, language)) refuse(`${file} is a translation into ${named}, not ${language}: check --lang.`);
  if (!sameOrRegion(parsed.sourceLanguage, fallbackLanguage))
    refuse(`${file} translates from ${parsed.sourceLanguage}; Consulta's source language is ${fallbackLanguage}.`);
  checkLanguage(language);
  result = importTexts(parsed.rows, [], resources[fallbackLanguage]!, resources[language], language, meta);
} else {
  if (!given) refuse(`${usage}\n--lang is needed for a CSV file.`);
  language = given;
  checkLanguage(language);
  // Spreadsheets often save "CSV" as Windows-1252: read it as such and say so, never replace accents with �.
  const decoded = decodeText(bytes);
  if (!decoded.ok)
    refuse(
      `${file} is neither UTF-8 nor Windows-1252: save it from your spreadsheet as "CSV UTF-8 (comma delimited)" and import again.`,
    );
  if (decoded.encoding === "windows-1252")
    console.log(`${file} is not UTF-8: read as Windows-1252 (Western European). Check the accents in the changes below.`);
  result = importCsv(decoded.text, resources[fallbackLanguage]!, resources[language], language, meta);
}

function checkLanguage(code: string) {
  if (code === fallbackLanguage) refuse(`English is the source text: edit locales/${fallbackLanguage}/ directly.`);
  if (!languagePattern.test(code)) refuse(`"${code}" is not a language code like "fr" or "pt-BR".`);
}

function emptyResult(): ImportResult {
  return { trees: {}, files: {}, changes: [], refused: [], skipped: [], warnings: [], unchanged: 0, confirmed: [], errors: [] };
}

const dryRun = values["dry-run"];
console.log(formatImport(result, { dryRun, language }));
if (result.errors.length) process.exit(2);
if (!dryRun) {
  for (const [namespace, content] of Object.entries(result.files)) {
    fs.mkdirSync(path.join(dir, language), { recursive: true });
    fs.writeFileSync(path.join(dir, language, `${namespace}.json`), content);
  }
  const recordPath = path.join(dir, language, sourceRecordFile);
  const before = fs.existsSync(recordPath) ? fs.readFileSync(recordPath, "utf8") : undefined;
  const after = formatSourceRecord(recordImport(parseSourceRecord(before), result.confirmed));
  if (result.confirmed.length && after !== before) fs.writeFileSync(recordPath, after);
}
process.exit(result.refused.length ? 1 : 0);
