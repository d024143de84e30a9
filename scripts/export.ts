// npm run export -- --out FILE [--format coded|labelled|codebook|groups|coding|spss|stata|r|dta|sav|zip] [--lang en|es]
//   [--questionnaire ID] [--drafts] [--personal] [--joined] [--raw] [--no-bom]
// --raw leaves formula-like text unguarded in the labelled files too; the other files always keep text as typed.
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { openDatabase, migrateToLatest } from "../db/connection";
import { exportDataset, FORMATS, type ExportFormat } from "../app/export/export.server";
import { defaultQuestionnaireId, getQuestionnaire } from "../app/questionnaires/registry.server";

const usage = `Usage: npm run export -- --out FILE [--format ${FORMATS.join("|")}] [--lang en|es] [--questionnaire ID]
       [--drafts] [--personal] [--joined] [--raw] [--no-bom]`;
const { values } = parseArgs({
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
  },
});
const questionnaire = getQuestionnaire(values.questionnaire!);
if (
  !values.out ||
  !FORMATS.includes(values.format as ExportFormat) ||
  !questionnaire ||
  !questionnaire.languages.includes(values.lang!)
) {
  console.error(questionnaire ? usage : `No questionnaire "${values.questionnaire}".\n${usage}`);
  process.exit(2);
}
const db = openDatabase(process.env.DATABASE_PATH);
try {
  await migrateToLatest(db);
  const file = await exportDataset(db, questionnaire, {
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
  });
  // Streamed to the file as it is made: the dataset is never whole in memory.
  await pipeline(Readable.from(file.chunks), fs.createWriteStream(values.out));
  console.log(`Wrote ${values.format} to ${values.out} (${fs.statSync(values.out).size} bytes).`);
} finally {
  await db.destroy();
}
