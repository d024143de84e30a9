import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";
import { MISSING } from "~/engine/missing";
import demoDefinition from "~/questionnaires/demo";
import preRegmDefinition from "~/questionnaires/pre-regm";
import { FORMULA_TRIGGER } from "./csv";
import { exportDataset, type ExportFormat } from "./export.server";
import { randomResponse, storeResponses } from "../../tests/support/random-responses";

/**
 * Random responses stored as the app stores them, exported: the coded file, both labelled files,
 * the group files and the codebook must agree cell by cell.
 */

const table = (csv: string) =>
  Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;

/** code -> label of "code = label | code = label". */
const labelsOf = (cell: string | undefined) =>
  new Map(
    (cell ?? "")
      .split(" | ")
      .filter(Boolean)
      .map((part) => {
        const [code, ...label] = part.split(" = ");
        return [code!, label.join(" = ")];
      }),
  );

// Metadata the codebook documents as blank: a draft has no submission time, an open link no invitation.
const MAY_BE_BLANK = new Set(["submitted_at", "invitation_id"]);
const MISSING_CODES = new Set(Object.values(MISSING).map(String));

async function exportAll(db: ReturnType<typeof openDatabase>, questionnaire: Questionnaire) {
  const filters = {
    questionnaireId: questionnaire.id,
    statuses: ["submitted" as const, "draft" as const],
    languages: [],
    codes: {},
  };
  const read = async (format: ExportFormat, language = questionnaire.languages[0]!) => {
    const file = await exportDataset(db, questionnaire, { format, filters, language, includePersonal: true });
    let csv = "";
    for await (const chunk of file.chunks) csv += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
    return csv;
  };
  return {
    coded: table(await read("coded")),
    labelled: Object.fromEntries(
      await Promise.all(questionnaire.languages.map(async (l) => [l, table(await read("labelled", l))] as const)),
    ),
    groups: table(await read("groups")),
    codebook: table(await read("codebook")),
  };
}

function checkAgreement(questionnaire: Questionnaire, files: Awaited<ReturnType<typeof exportAll>>) {
  const entries = (file: string) => new Map(files.codebook.filter((r) => r.file === file).map((r) => [r.variable!, r]));
  const main = entries("main");
  const checkCell = (entry: Record<string, string>, variable: string, coded: string) => {
    expect(coded, `${variable} is blank`).not.toBe("");
    const values = labelsOf(entry[`values_${questionnaire.languages[0]}`]);
    const missing = labelsOf(entry[`missing_codes_${questionnaire.languages[0]}`]);
    if (MISSING_CODES.has(coded) && entry.type !== "text")
      expect(missing.has(coded), `${variable}: ${coded} undeclared`).toBe(true);
    else if (values.size) expect(values.has(coded) || missing.has(coded), `${variable}: ${coded} undeclared`).toBe(true);
    else if (entry.type === "number" || entry.type === "count") expect(Number.isFinite(Number(coded)), variable).toBe(true);
  };
  expect([...main.keys()]).toEqual(Object.keys(files.coded[0] ?? Object.fromEntries([...main.keys()].map((k) => [k, ""]))));
  for (const [r, row] of files.coded.entries()) {
    for (const [variable, coded] of Object.entries(row)) {
      const entry = main.get(variable)!;
      if (entry.type === "metadata") {
        if (!MAY_BE_BLANK.has(variable)) expect(coded, variable).not.toBe("");
        continue;
      }
      checkCell(entry, variable, coded);
      for (const language of questionnaire.languages) {
        const labelled = files.labelled[language]![r]![variable]!;
        const label = labelsOf(entry[`values_${language}`]).get(coded) ?? labelsOf(entry[`missing_codes_${language}`]).get(coded);
        const guarded = (cell: string) => (FORMULA_TRIGGER.test(cell) ? `'${cell}` : cell);
        // A text typed as exactly a missing code reads as that code in the coded file (documented in
        // the README); the labelled file shows what was typed.
        if (entry.type === "text" && label !== undefined && labelled === guarded(coded)) continue;
        // Only the labelled files guard text a spreadsheet could run.
        expect(labelled, `${language} ${variable}`).toBe(guarded(label ?? coded));
      }
    }
  }
  for (const item of files.groups) {
    const group = entries(item.group!);
    for (const [variable, coded] of Object.entries(item)) {
      if (variable === "response_id" || variable === "group" || variable === "item") continue;
      checkCell(group.get(variable)!, variable, coded);
    }
  }
}

describe.each([
  ["demo", demoDefinition],
  ["pre-regm", preRegmDefinition],
])("random %s responses", (_id, definition) => {
  const questionnaire = questionnaireSchema.parse(definition);
  it("agree cell by cell across the coded file, both labelled files, the group file and the codebook", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(randomResponse(questionnaire), { minLength: 1, maxLength: 4 }), async (responses) => {
        const db = openDatabase(":memory:");
        try {
          await migrateToLatest(db);
          await storeResponses(db, questionnaire, responses);
          const files = await exportAll(db, questionnaire);
          expect(files.coded).toHaveLength(responses.length);
          checkAgreement(questionnaire, files);
        } finally {
          await db.destroy();
        }
      }),
      { numRuns: 25 },
    );
  });
});
