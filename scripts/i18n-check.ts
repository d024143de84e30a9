// npm run i18n:check [-- --dir DIR] [--strict en,es] [--no-usage] [--quiet-unused] [--json]
//
// Checks every language folder of locales/ against English, and the keys the code and the
// questionnaire definitions use. Exits with 1 when an enabled language (--strict, default
// LANGUAGES) has a problem to fix; other languages only report. See locales/README.md.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadLocaleMeta, readResources, localesDir } from "../app/i18n/resources.server";
import { collectCodeUsage } from "../app/i18n/code-usage.server";
import { fallbackLanguage } from "../app/i18n/config";
import { buildReport, formatReport } from "../app/i18n/report";
import { formatLanguageStatuses, languageStatuses } from "../app/i18n/enabled";
import { env } from "../app/utils/env.server";
import type { Usage } from "../app/i18n/usage";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usageText = "Usage: npm run i18n:check [-- --dir DIR] [--strict en,es] [--no-usage] [--quiet-unused] [--json]";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    strict: { type: "string", default: env.LANGUAGES.join(",") },
    "no-usage": { type: "boolean", default: false },
    "quiet-unused": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usageText);
  process.exit(0);
}

const dir = path.resolve(values.dir ?? localesDir);
const shown = path.relative(process.cwd(), dir) || ".";
const notes: string[] = [];
let broken = false;

// Folders loadResources skips, so a translator knows why a language does not appear.
for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
  if (entry.isDirectory() && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(entry.name)) {
    notes.push(
      `! ${shown}/${entry.name}/ is ignored: a language folder is named with its code in small letters, like "fr" or "pt-BR".`,
    );
  }
  if (entry.isDirectory()) {
    for (const file of fs.readdirSync(path.join(dir, entry.name))) {
      if (!file.endsWith(".json") && !file.startsWith("."))
        notes.push(`! ${shown}/${entry.name}/${file} is ignored: only .json files are read.`);
    }
  }
}

const { resources, broken: brokenFiles } = readResources(dir);
if (!resources[fallbackLanguage] && !brokenFiles.length) {
  console.error(`✗ No ${fallbackLanguage} folder in ${shown}/: English is the reference every language is compared with.`);
  process.exit(1);
}
let meta;
try {
  meta = loadLocaleMeta(dir);
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exit(1);
}

let usage: Usage | undefined;
if (!values["no-usage"]) {
  const code = await collectCodeUsage(root);
  for (const fault of code.faults) notes.push(fault);
  broken ||= code.faults.length > 0;
  usage = code.usage;
}

const report = buildReport({
  resources,
  fallbackLanguage,
  strictLanguages: values
    .strict!.split(",")
    .map((l) => l.trim())
    .filter(Boolean),
  usage,
  localesPath: shown,
  meta,
  brokenFiles,
});

const statuses = languageStatuses(report, env.LANGUAGES);
if (statuses.some((s) => !s.present)) broken = true;
if (values.json) {
  console.log(JSON.stringify({ ...report, ok: report.ok && !broken, notes, statuses }, null, 2));
} else {
  console.log(`Translation check of ${shown}/ (English is the reference)\n`);
  for (const note of notes) console.log(note);
  if (notes.length) console.log("");
  console.log(`${formatLanguageStatuses(statuses)}\n`);
  console.log(formatReport(report, { quietUnused: values["quiet-unused"] }));
}
process.exit(report.ok && !broken ? 0 : 1);
