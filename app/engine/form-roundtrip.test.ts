import { parseWithZod } from "@conform-to/zod/v4";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedT } from "~/i18n/i18next.server";
import demo from "~/questionnaires/demo";
import { DONT_KNOW, deriveSectionSchema, otherField } from "./answer-schema";
import { questionnaireSchema, type ItemQuestion, type Question } from "./definition";
import { toFormDefaults } from "./form-values";

const questionnaire = questionnaireSchema.parse(demo);
const { lists } = questionnaire;
const codes = (listId: string) => lists[listId]!.map((o) => o.code);
const text = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max, unit: "grapheme" })
    .filter((s) => s.trim() === s && s.length > 0 && [...s].length <= max && s.length <= max);

/** Any valid answer to a question, as the server stores it. */
function validAnswer(q: Question | ItemQuestion): fc.Arbitrary<unknown> {
  switch (q.type) {
    case "single":
      return fc.constantFrom(...codes(q.list));
    case "multiple": {
      const options = lists[q.list]!;
      const exclusive = options.filter((o) => o.exclusive).map((o) => o.code);
      const others = options.filter((o) => !o.exclusive).map((o) => o.code);
      const subset = fc.shuffledSubarray(others, {
        minLength: q.min ?? 1,
        maxLength: Math.min(q.max ?? others.length, others.length),
      });
      return exclusive.length ? fc.oneof(subset, fc.constant([exclusive[0]!])) : subset;
    }
    case "text":
      return text(q.maxLength ?? 200);
    case "longtext":
      return text(q.maxLength ?? 5000);
    case "number":
      return q.integer
        ? fc.integer({ min: q.min ?? -1e6, max: q.max ?? 1e6 })
        : fc.integer({ min: (q.min ?? 0) * 100, max: (q.max ?? 1000) * 100 }).map((n) => n / 100);
    case "date":
      return fc
        .date({ min: new Date(q.min ?? "1900-01-01"), max: new Date(q.max ?? "2100-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "email":
      return fc.constantFrom("ana@example.org", "j.perez+ppp@ministerio.gob.mx", "info@ngo.example");
    case "country":
      return fc.constantFrom("MX", "GT", "HN", "FR", "KE", "TH");
    case "matrix": {
      const scale = [...codes(q.scale), ...(q.dontKnow ? [DONT_KNOW] : [])];
      return fc.record(Object.fromEntries(codes(q.rows).map((row) => [String(row), fc.constantFrom(...scale)])));
    }
    case "ranking":
      return fc
        .shuffledSubarray(codes(q.list), { minLength: q.top, maxLength: q.top })
        .chain((all) => fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }));
    case "consent":
      return fc.constant(true);
    case "group": {
      const item = fc.record(Object.fromEntries(q.questions.map((sub) => [sub.id, validAnswer(sub)])), {
        requiredKeys: q.questions.filter((s) => s.required).map((s) => s.id),
      });
      return fc.array(item, { minLength: q.min ?? 0, maxLength: q.max ?? 3 });
    }
  }
}

/** The form a browser would send for some values: nested names as Conform writes them. */
function toFormData(values: Record<string, unknown>): FormData {
  const form = new FormData();
  const add = (name: string, value: unknown) => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v === "string")) for (const v of value) form.append(name, v);
      else value.forEach((v, i) => add(`${name}[${i}]`, v));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) add(`${name}.${k}`, v);
    } else form.append(name, String(value));
  };
  for (const [k, v] of Object.entries(values)) add(k, v);
  return form;
}

describe("a section's form, for any valid answers of the demo questionnaire", () => {
  for (const section of questionnaire.sections) {
    it(`${section.id}: stored answers -> form -> parsed answers gives them back`, () => {
      const shown = new Set(section.questions.map((q) => q.id));
      const schema = deriveSectionSchema(questionnaire, section, shown, fixedT("en"));
      const answers = fc.record(Object.fromEntries(section.questions.map((q) => [q.id, validAnswer(q)])));
      fc.assert(
        fc.property(answers, (values) => {
          const others = Object.fromEntries(
            section.questions
              .filter(
                (q) =>
                  "list" in q && lists[q.list]!.some((o) => o.other && ([] as unknown[]).concat(values[q.id]).includes(o.code)),
              )
              .map((q) => [q.id, "something else"]),
          );
          const form = toFormData(toFormDefaults(section, values as never, others));
          // Ranking answers are sent as a list even with one choice.
          const submission = parseWithZod(form, { schema, disableAutoCoercion: true });
          if (submission.status !== "success") throw new Error(JSON.stringify(submission.reply().error));
          const expected = { ...values, ...Object.fromEntries(Object.entries(others).map(([id, v]) => [otherField(id), v])) };
          expect(submission.value).toEqual(expected);
        }),
        { numRuns: 150 },
      );
    });
  }
});
