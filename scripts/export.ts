// npm run export -- --out FILE [--format FORMAT] [--lang en|es] [--questionnaire ID] [--drafts] [--personal]
//   [--joined] [--raw] [--no-bom] [--codes] [--consultation ID ...]; npm run export -- --help lists the formats.
// --raw leaves formula-like text unguarded in the labelled files too; the other files always keep text as typed.
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { openDatabase, scriptDatabase, migrateToLatest } from "../db/connection";
import { exportDataset, FORMATS, type ExportFormat } from "../app/export/export.server";
import { defaultQuestionnaireId, getQuestionnaire } from "../app/questionnaires/registry.server";

/** What each format writes, for --help; typed so a new format must say what it is. */
const FORMAT_HELP: Readonly<Record<ExportFormat, string>> = {
  coded: "the coded CSV: one row per response, codes not labels (default)",
  labelled: "the labelled CSV in --lang",
  codebook: "the codebook CSV: every variable, its labels, values and missing codes in every language",
  groups: "the first repeatable group's items, one row per item (long format)",
  coding: "the coding of open answers: one row per coder, answer and theme",
  spss: "SPSS syntax (.sps) with the data file it reads (line breaks encoded), in a zip",
  stata: "a Stata do-file (.do) reading the coded CSV",
  r: "an R script reading the coded CSV",
  dta: "a Stata file (.dta, format 118), labels in --lang",
  sav: "an SPSS data file (.sav), labels in --lang",
  xlsx: "an Excel workbook: responses (labels in --lang, or codes with --codes), one sheet per group, the codebook",
  datapackage: "a Frictionless Data Package descriptor (datapackage.json) for the coded CSV and the group files",
  paradata: "paradata: last section reached, save times, seconds per section, language switches",
  zip: "all of the above in one zip, with a README",
};

const help = `Usage: npm run export -- --out FILE [options]

Formats (--format, default coded):
${FORMATS.map((f) => `  ${f.padEnd(12)}${FORMAT_HELP[f]}`).join("\n")}

Options:
  --out FILE            where to write (required)
  --format FORMAT       one of the formats above
  --lang LANG           language of labels: en or es (default en)
  --questionnaire ID    the questionnaire (default ${defaultQuestionnaireId})
  --drafts              include drafts (default: submitted responses only)
  --personal            include personal data
  --joined              add a column of each multiple choice's codes joined by ";"
  --raw                 leave formula-like text unguarded in the labelled CSVs
  --no-bom              no UTF-8 byte-order mark at the start of CSV files
  --codes               the workbook in codes instead of labels
  --consultation ID     only this consultation's responses (repeat for several; default: all of them)
  -h, --help            this help`;

function fail(message: string): never {
  console.error(`${message} (npm run export -- --help lists the formats and options)`);
  process.exit(2);
}

let parsed: ReturnType<typeof readArguments>;
function readArguments() {
  return parseArgs({
    options: {
      out: { type: "string" },
      format: { type: "string", default: "coded" },
      lang: { type: "string", default: "en" },
      questionnaire: { type: "string", default: defaultQuestionnaireId },
      drafts: { type: "boolean", default: false },
      personal: { type: "boolean", default: false },
      joined: { type: "boolean", default: false },
      raw: { type: "boolean", default: false },
      "no-bom": { type: "boolean", default: false },
      codes: { type: "boolean", default: false },
      consultation: { type: "string", multiple: true },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
try {
  parsed = readArguments();
} catch (error) {
  // parseArgs explains an unknown option or a missing value in one line; its stack helps nobody.
  fail((error as Error).message);
}
const { values } = parsed;
if (values.help) {
  console.log(help);
  process.exit(0);
}
const questionnaire = getQuestionnaire(values.questionnaire!);
if (!questionnaire) fail(`No questionnaire "${values.questionnaire}".`);
if (!FORMATS.includes(values.format as ExportFormat)) fail(`Unknown format "${values.format}".`);
if (!questionnaire.languages.includes(values.lang!)) fail(`No language "${values.lang}" in ${questionnaire.id}.`);
if (!values.out) fail("--out FILE is required.");
const db = openDatabase(scriptDatabase());
try {
  await migrateToLatest(db);
  const file = await exportDataset(
    db,
    questionnaire,
    {
      format: values.format as ExportFormat,
      filters: {
        questionnaireId: questionnaire.id,
        statuses: values.drafts ? ["submitted", "draft"] : ["submitted"],
        languages: [],
        codes: {},
      },
      language: values.lang!,
      includePersonal: values.personal,
      joinedMultiple: values.joined,
      neutraliseFormulas: !values.raw,
      bom: !values["no-bom"],
      codes: values.codes,
      consultations: values.consultation,
    },
    // Each response is read with the version it was answered in.
    (version) => getQuestionnaire(questionnaire.id, version),
  );
  // Streamed to the file as it is made: the dataset is never whole in memory.
  await pipeline(Readable.from(file.chunks), fs.createWriteStream(values.out));
  console.log(`Wrote ${values.format} to ${values.out} (${fs.statSync(values.out).size} bytes).`);
} finally {
  await db.destroy();
}
