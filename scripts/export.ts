// npm run export -- --out FILE [--questionnaire ID] [--drafts]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase, migrateToLatest } from "../db/connection";
import { exportCodedCsv } from "../app/export/coded-csv.server";
import { defaultQuestionnaireId, getQuestionnaire } from "../app/questionnaires/registry.server";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    questionnaire: { type: "string", default: defaultQuestionnaireId },
    drafts: { type: "boolean", default: false },
  },
});

if (!values.out) {
  console.error("Usage: npm run export -- --out FILE [--questionnaire ID] [--drafts]");
  process.exit(2);
}
const questionnaire = getQuestionnaire(values.questionnaire!);
if (!questionnaire) {
  console.error(`No questionnaire "${values.questionnaire}".`);
  process.exit(2);
}
const db = openDatabase(process.env.DATABASE_PATH);
try {
  await migrateToLatest(db);
  const filters = {
    questionnaireId: questionnaire.id,
    statuses: values.drafts ? (["submitted", "draft"] as const) : (["submitted"] as const),
    languages: [],
    codes: {},
  };
  const { csv, count } = await exportCodedCsv(db, questionnaire, { filters: { ...filters, statuses: [...filters.statuses] } });
  fs.writeFileSync(values.out, csv);
  console.log(`Wrote ${count} responses to ${values.out}`);
} finally {
  await db.destroy();
}
