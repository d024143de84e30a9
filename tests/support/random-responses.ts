import fc from "fast-check";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { isAnswered, type AnswerValue } from "../../app/engine/conditions";
import { countryCodes } from "../../app/engine/countries";
import type { ItemQuestion, Question, QuestionOf, QuestionType, Questionnaire } from "../../app/engine/definition";
import { MISSING } from "../../app/engine/missing";
import { computeVisibility } from "../../app/engine/visibility";
import { createResponse, saveSection, submitResponse, type AnswerToStore } from "../../app/models/response.server";

/**
 * Random valid responses for any questionnaire, stored as the app stores them (section by section,
 * nothing for a section routing skips, some drafts, some submitted), with text that breaks naive
 * readers: line breaks, quotes, emoji, accents, formulas, and text that looks like a missing code.
 */

type Lists = Questionnaire["lists"];
type Generated = { value: AnswerValue | undefined; otherText?: string };

export const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ""),
  // Text a spreadsheet would run, and text that looks like a missing code.
  fc.constantFrom(
    "=SUM(A1)",
    "+1",
    "-99",
    "@x",
    "  =1",
    'Ñandú, "quoted"\r\nline',
    'two\nlines, one "quote"',
    "emoji 🤝🏽 and ñ, ü, ç, 中文",
    "tab\tinside",
    "trailing backslash \\",
    "'single' and \"double\" quotes",
  ),
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
export function randomResponse(questionnaire: Questionnaire) {
  const questions = questionnaire.sections.flatMap((s) => s.questions);
  return fc.record({
    answers: fc.record(Object.fromEntries(questions.map((q) => [q.id, generated(q, questionnaire.lists)]))),
    reached: fc.integer({ min: 1, max: questionnaire.sections.length }),
    submit: fc.boolean(),
    language: fc.constantFrom(...questionnaire.languages),
  });
}

/** The rows each section save stores, as the app stores them: nothing for a section routing skips. */
export function saves(questionnaire: Questionnaire, answers: Record<string, Generated>, reached: number): AnswerToStore[][] {
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

export type RandomResponse = ReturnType<typeof randomResponse> extends fc.Arbitrary<infer R> ? R : never;

/** Stores generated responses with ids 00000000-0000-4000-8000-<index>. */
export async function storeResponses(db: Kysely<Database>, questionnaire: Questionnaire, responses: RandomResponse[]) {
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
}

/** A fixed sample of `count` random responses (the same for the same seed), stored in `db`. */
export async function seedRandomResponses(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  { count, seed = 1 }: { count: number; seed?: number },
) {
  const responses = fc.sample(randomResponse(questionnaire), { numRuns: count, seed });
  await storeResponses(db, questionnaire, responses);
  return responses;
}
