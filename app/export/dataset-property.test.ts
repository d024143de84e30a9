import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { isAnswered, type AnswerValue } from "~/engine/conditions";
import { countryCodes } from "~/engine/countries";
import {
  questionnaireSchema,
  type ItemQuestion,
  type Question,
  type QuestionOf,
  type QuestionType,
  type Questionnaire,
} from "~/engine/definition";
import { MISSING } from "~/engine/missing";
import { computeVisibility } from "~/engine/visibility";
import { createResponse, saveSection, submitResponse, type AnswerToStore } from "~/models/response.server";
import demoDefinition from "~/questionnaires/demo";
import preRegmDefinition from "~/questionnaires/pre-regm";
import { FORMULA_TRIGGER } from "./csv";
import { exportDataset, type ExportFormat } from "./export.server";

/**
 * Random responses stored as the app stores them, exported: the coded file, both labelled files,
 * the group files and the codebook must agree cell by cell.
 */

type Lists = Questionnaire["lists"];
type Generated = { value: AnswerValue | undefined; otherText?: string };

const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ""),
  // Text a spreadsheet would run, and text that looks like a missing code.
  fc.constantFrom("=SUM(A1)", "+1", "-99", "@x", "  =1", 'Ñandú, "quoted"\r\nline'),
);
const codes = (lists: Lists, id: string) => lists[id]!.map((o) => o.code);
const maybe = <T extends AnswerValue>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });

/** A valid answer per question type, or none; typed so a new type must have one. */
const answers: { [T in QuestionType]: (q: QuestionOf<T>, lists: Lists) => fc.Arbitrary<AnswerValue | undefined> } = {
  single: (q, lists) => maybe(fc.constantFrom(...codes(lists, q.list))),
  multiple: (q, lists) => {
    const options = lists[q.list]!;
    const exclusive = options.filter((o) => o.exclusive).map((o) => o.code);
    const plain = options.filter((o) => !o.exclusive).map((o) => o.code);
    const some = fc.subarray(plain, { minLength: q.min ?? 1, maxLength: Math.min(q.max ?? plain.length, plain.length) });
    return maybe(exclusive.length ? fc.oneof(some, fc.constantFrom(...exclusive.map((c) => [c]))) : some);
  },
  text: () => maybe(text),
  longtext: () => maybe(text),
  email: () => maybe(fc.constantFrom("ana@example.org", "b.c@example.com")),
  number: (q) =>
    maybe(
      q.integer
        ? fc.integer({ min: q.min ?? -1000, max: q.max ?? 1000 })
        : fc.double({ min: q.min ?? -1000, max: q.max ?? 1000, noNaN: true }).map((n) => Math.round(n * 100) / 100),
    ),
  date: (q) =>
    maybe(
      fc
        .date({ min: new Date(q.min ?? "1950-01-01"), max: new Date(q.max ?? "2030-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    ),
  country: () => maybe(fc.constantFrom(...countryCodes)),
  consent: () => maybe(fc.constant(true)),
  matrix: (q, lists) => {
    const scale = [...codes(lists, q.scale), ...(q.dontKnow ? [MISSING.dontKnow] : [])];
    const rows = Object.fromEntries(codes(lists, q.rows).map((r) => [String(r), fc.constantFrom(...scale)]));
    return maybe(
      fc
        .record(rows, { requiredKeys: [] })
        .map((v) => v as Record<string, number>)
        .filter((v) => Object.keys(v).length > 0),
    );
  },
  ranking: (q, lists) =>
    maybe(fc.shuffledSubarray(codes(lists, q.list), { minLength: 1, maxLength: Math.min(q.top, lists[q.list]!.length) })),
  group: (q, lists) =>
    maybe(
      fc.array(
        fc.record(
          Object.fromEntries(
            q.questions.map((item) => [
              item.id,
              // The form sends [] for an untouched multiple choice of an item.
              item.type === "multiple" ? answerOf(item, lists).map((v) => v ?? []) : answerOf(item, lists),
            ]),
          ),
        ),
        { minLength: 1, maxLength: Math.min(3, q.max ?? 3) },
      ),
    ),
};

function answerOf(q: Question | ItemQuestion, lists: Lists): fc.Arbitrary<AnswerValue | undefined> {
  return (answers[q.type] as (q: Question | ItemQuestion, lists: Lists) => fc.Arbitrary<AnswerValue | undefined>)(q, lists);
}

function generated(q: Question, lists: Lists): fc.Arbitrary<Generated> {
  const other = "list" in q && q.type !== "ranking" ? lists[q.list]!.find((o) => o.other) : undefined;
  return fc.record({ value: answerOf(q, lists), otherText: fc.option(text, { nil: undefined }) }).map(({ value, otherText }) => {
    const chose = other && (Array.isArray(value) ? (value as number[]).includes(other.code) : value === other.code);
    return chose ? { value, otherText } : { value };
  });
}

/** One response: an answer per question, how many sections were saved, whether it was submitted. */
function response(questionnaire: Questionnaire) {
  const questions = questionnaire.sections.flatMap((s) => s.questions);
  return fc.record({
    answers: fc.record(Object.fromEntries(questions.map((q) => [q.id, generated(q, questionnaire.lists)]))),
    reached: fc.integer({ min: 1, max: questionnaire.sections.length }),
    submit: fc.boolean(),
    language: fc.constantFrom(...questionnaire.languages),
  });
}

/** The rows each section save stores, as the app stores them: nothing for a section routing skips. */
function saves(questionnaire: Questionnaire, answers: Record<string, Generated>, reached: number): AnswerToStore[][] {
  const values = Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, a.value]));
  const visible = computeVisibility(questionnaire, values);
  return questionnaire.sections
    .slice(0, reached)
    .filter((s) => visible.sections.has(s.id))
    .map((s) =>
      s.questions.map((q): AnswerToStore => {
        const { value, otherText } = answers[q.id]!;
        if (!visible.questions.has(q.id)) return { variable: q.id, state: "not_shown" };
        return isAnswered(value) ? { variable: q.id, state: "answered", value, otherText } : { variable: q.id, state: "empty" };
      }),
    );
}

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
      fc.asyncProperty(fc.array(response(questionnaire), { minLength: 1, maxLength: 4 }), async (responses) => {
        const db = openDatabase(":memory:");
        try {
          await migrateToLatest(db);
          for (const [i, r] of responses.entries()) {
            const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
            await createResponse(db, {
              id,
              questionnaireId: questionnaire.id,
              questionnaireVersion: questionnaire.version,
              language: r.language,
              tokenHash: `t${i}`,
              codeHash: `c${i}`,
            });
            for (const answers of saves(questionnaire, r.answers, r.reached))
              await saveSection(db, { responseId: id, language: r.language, currentSection: null, answers, notShown: [] });
            if (r.submit && r.reached === questionnaire.sections.length) await submitResponse(db, id);
          }
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
