import { z } from "zod";
import { countryCodeOf, countryCodes } from "./countries";
import type { ItemQuestion, Option, Question, QuestionOf, QuestionType, Questionnaire, Section } from "./definition";
import { EMAIL_MAX, groupMax, OTHER_TEXT_MAX, textMax } from "./limits";
import { MISSING } from "./missing";
import { matrixColumns } from "./wording";

/** A translate function bound to the respondent's language and the `common` namespace. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

interface SchemaContext {
  lists: Questionnaire["lists"];
  t: Translate;
  /** For "save" and "back": keep what was typed without demanding what is missing. */
  relaxed: boolean;
}

const isRequired = (q: { required?: boolean }, ctx: SchemaContext) => !ctx.relaxed && q.required === true;

/** The form field holding the "Other – please specify" text of a question. */
export const otherField = (questionId: string) => `${questionId}__other`;
/** The form field holding one row of a matrix. */
export const matrixRowField = (rowCode: number) => `r${rowCode}`;
/** A matrix's "don't know", stored as its missing code. */
export const DONT_KNOW = MISSING.dontKnow;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const toUndefinedIfBlank = (v: unknown) => (blank(v) ? undefined : trimmed(v));
const asArray = (v: unknown): unknown[] => (blank(v) ? [] : Array.isArray(v) ? v : [v]);

function requiredOr<T extends z.ZodType>(schema: T, required: boolean, t: Translate) {
  if (!required) return z.preprocess(toUndefinedIfBlank, schema.optional());
  // Not `.optional().refine(...)`: zod skips an optional key that is absent, refinement and all.
  const present = z.unknown().refine((v) => v !== undefined, { message: t("errors.required"), abort: true });
  return z.preprocess(toUndefinedIfBlank, present.pipe(schema as z.ZodType<unknown, z.output<typeof present>>));
}

function codeSchema(options: Option[], t: Translate) {
  const codes = new Set(options.map((o) => o.code));
  return z.string().transform((s, ctx) => {
    const n = Number(s);
    if (!Number.isInteger(n) || !codes.has(n)) {
      ctx.addIssue({ code: "custom", message: t("errors.invalidChoice") });
      return z.NEVER;
    }
    return n;
  });
}

type SchemaBuilder<T extends QuestionType> = (q: QuestionOf<T>, ctx: SchemaContext) => z.ZodType;

/** One schema builder per question type; the map is typed so a new type cannot be forgotten. */
const builders: { [T in QuestionType]: SchemaBuilder<T> } = {
  single: (q, ctx) => requiredOr(codeSchema(ctx.lists[q.list]!, ctx.t), isRequired(q, ctx), ctx.t),

  multiple: (q, ctx) => {
    const { lists, t } = ctx;
    const options = lists[q.list]!;
    const exclusive = new Set(options.filter((o) => o.exclusive).map((o) => o.code));
    const schema = z.array(codeSchema(options, t)).transform((codes) => [...new Set(codes)]);
    const withRules = schema
      .refine((codes) => !codes.some((c) => exclusive.has(c)) || codes.length === 1, {
        message: t("errors.exclusive"),
      })
      .refine((codes) => codes.length === 0 || q.min === undefined || codes.length >= q.min, {
        message: t("errors.minChoices", { count: q.min }),
      })
      .refine((codes) => q.max === undefined || codes.length <= q.max, {
        message: t("errors.maxChoices", { count: q.max }),
      })
      .refine((codes) => !isRequired(q, ctx) || codes.length > 0, { message: t("errors.required") });
    return z.preprocess(asArray, withRules);
  },

  text: (q, ctx) => {
    const { t } = ctx;
    const max = textMax(q);
    return requiredOr(z.string().max(max, { message: t("errors.tooLong", { max }) }), isRequired(q, ctx), t);
  },

  longtext: (q, ctx) => {
    const { t } = ctx;
    const max = textMax(q);
    return requiredOr(z.string().max(max, { message: t("errors.tooLong", { max }) }), isRequired(q, ctx), t);
  },

  number: (q, ctx) => {
    const { t } = ctx;
    let n = z.number({ message: t("errors.number") });
    if (q.integer) n = n.int({ message: t("errors.integer") });
    if (q.min !== undefined) n = n.min(q.min, { message: t("errors.min", { min: q.min }) });
    if (q.max !== undefined) n = n.max(q.max, { message: t("errors.max", { max: q.max }) });
    const parsed = z
      .string()
      // Accept a decimal comma, as Spanish speakers write it.
      .transform((s) => (/^-?\d+(,\d+)?$/.test(s) ? Number(s.replace(",", ".")) : s === "" ? NaN : Number(s)))
      .pipe(n);
    return requiredOr(parsed, isRequired(q, ctx), t);
  },

  date: (q, ctx) => {
    const { t } = ctx;
    // A pipe, so bounds are checked only on a well-formed date.
    const checked = z.iso.date({ message: t("errors.date") }).pipe(
      z
        .string()
        .refine((v) => !q.min || v >= q.min, { message: t("errors.dateMin", { min: q.min }) })
        .refine((v) => !q.max || v <= q.max, { message: t("errors.dateMax", { max: q.max }) }),
    );
    return requiredOr(checked, isRequired(q, ctx), t);
  },

  email: (q, ctx) =>
    requiredOr(
      z
        .string()
        .max(EMAIL_MAX, { message: ctx.t("errors.email") })
        .pipe(z.email({ message: ctx.t("errors.email") })),
      isRequired(q, ctx),
      ctx.t,
    ),

  country: (q, ctx) =>
    requiredOr(
      // A code from a select, or a UN name from a group item's text field with the shared list.
      z
        .string()
        .transform((text) => countryCodeOf(text) ?? text)
        .refine((c) => countryCodes.has(c), { message: ctx.t("errors.country") }),
      isRequired(q, ctx),
      ctx.t,
    ),

  matrix: (q, ctx) => {
    const { lists, t } = ctx;
    const options = matrixColumns(q, lists);
    const rows = lists[q.rows]!;
    const shape: Record<string, z.ZodType> = {};
    for (const row of rows) shape[matrixRowField(row.code)] = requiredOr(codeSchema(options, t), isRequired(q, ctx), t);
    return z.preprocess(
      (v) => (v && typeof v === "object" ? v : {}),
      z.object(shape).transform((byField) => {
        const byRow: Record<string, number> = {};
        for (const row of rows) {
          const value = (byField as Record<string, number | undefined>)[matrixRowField(row.code)];
          if (value !== undefined) byRow[String(row.code)] = value;
        }
        return byRow;
      }),
    );
  },

  ranking: (q, ctx) => {
    const { lists, t } = ctx;
    const options = lists[q.list]!;
    const top = Math.min(q.top, options.length);
    const rank = z.preprocess(toUndefinedIfBlank, codeSchema(options, t).optional());
    return z.preprocess(
      asArray,
      z
        .array(rank)
        .max(top, { message: t("errors.invalidChoice") })
        .superRefine((ranks, issues) => {
          const filled = ranks.filter((r) => r !== undefined);
          if (new Set(filled).size !== filled.length) issues.addIssue({ code: "custom", message: t("errors.rankingDuplicate") });
          const firstGap = ranks.findIndex((r) => r === undefined);
          if (firstGap !== -1 && ranks.slice(firstGap).some((r) => r !== undefined)) {
            issues.addIssue({ code: "custom", message: t("errors.rankingGap") });
          }
          if (isRequired(q, ctx) && filled.length < top)
            issues.addIssue({ code: "custom", message: t("errors.rankingAll", { count: top }) });
        })
        .transform((ranks) => ranks.filter((r): r is number => r !== undefined)),
    );
  },

  consent: (q, ctx) => {
    const ticked = z.literal("on", { message: ctx.t("errors.consent") }).transform(() => true as const);
    if (!isRequired(q, ctx)) return z.preprocess(toUndefinedIfBlank, ticked.optional());
    const present = z.unknown().refine((v) => v !== undefined, { message: ctx.t("errors.consent"), abort: true });
    return z.preprocess(toUndefinedIfBlank, present.pipe(ticked));
  },

  group: (q, ctx) => {
    const item = z.object(Object.fromEntries(q.questions.map((sub) => [sub.id, questionSchema(sub, ctx)])));
    return z.preprocess(
      (v): unknown[] => (Array.isArray(v) ? v : []),
      z
        .array(item)
        .min(ctx.relaxed ? 0 : (q.min ?? (q.required ? 1 : 0)), { message: ctx.t("errors.minItems", { count: q.min ?? 1 }) })
        .max(groupMax(q), { message: ctx.t("errors.maxItems", { count: groupMax(q) }) }),
    );
  },
};

/**
 * Schemas made for a question, by list set, translate function (one per language, see fixedT) and
 * strictness. A zod schema is immutable, and costly to build and to parse with the first time (zod
 * compiles its object parsers on first use), so each is built once rather than on every save.
 */
const questionSchemas = new WeakMap<object, WeakMap<Translate, WeakMap<object, { strict?: z.ZodType; relaxed?: z.ZodType }>>>();

function cachedFor<T extends object>(root: WeakMap<object, WeakMap<Translate, WeakMap<object, T>>>, lists: object, t: Translate) {
  let byT = root.get(lists);
  if (!byT) root.set(lists, (byT = new WeakMap()));
  let byKey = byT.get(t);
  if (!byKey) byT.set(t, (byKey = new WeakMap()));
  return byKey;
}

function questionSchema(q: Question | ItemQuestion, ctx: SchemaContext): z.ZodType {
  const byQuestion = cachedFor(questionSchemas, ctx.lists, ctx.t);
  let made = byQuestion.get(q);
  if (!made) byQuestion.set(q, (made = {}));
  const strictness = ctx.relaxed ? "relaxed" : "strict";
  return (made[strictness] ??= (builders[q.type] as SchemaBuilder<typeof q.type>)(q as never, ctx));
}

function otherOption(q: Question, lists: Questionnaire["lists"]): Option | undefined {
  if (q.type !== "single" && q.type !== "multiple") return undefined;
  return lists[q.list]!.find((o) => o.other);
}

/**
 * The zod schema of one section's form, for the questions currently shown.
 * Questions that are not shown are left out: their values are dropped, not validated.
 */
export function deriveSectionSchema(
  questionnaire: Questionnaire,
  section: Section,
  shown: ReadonlySet<string>,
  t: Translate,
  { relaxed = false }: { relaxed?: boolean } = {},
): z.ZodType<Record<string, unknown>> {
  const bySection = cachedFor(sectionSchemas, questionnaire.lists, t);
  let made = bySection.get(section);
  if (!made) bySection.set(section, (made = new Map<string, z.ZodType<Record<string, unknown>>>()));
  const key = `${relaxed ? "relaxed" : "strict"}:${section.questions
    .filter((q) => shown.has(q.id))
    .map((q) => q.id)
    .join(",")}`;
  let schema = made.get(key);
  if (!schema) {
    schema = buildSectionSchema(questionnaire, section, shown, t, relaxed);
    // Shown sets follow the section's skip logic, so few occur; the bound keeps a pathological definition in check.
    if (made.size >= SECTION_SCHEMAS_PER_SECTION) made.delete(made.keys().next().value!);
    made.set(key, schema);
  }
  return schema;
}

/** Section schemas by list set, translate function and section, each keyed by strictness and the questions shown. */
const sectionSchemas = new WeakMap<
  object,
  WeakMap<Translate, WeakMap<object, Map<string, z.ZodType<Record<string, unknown>>>>>
>();
const SECTION_SCHEMAS_PER_SECTION = 64;

function buildSectionSchema(
  questionnaire: Questionnaire,
  section: Section,
  shown: ReadonlySet<string>,
  t: Translate,
  relaxed: boolean,
): z.ZodType<Record<string, unknown>> {
  const ctx: SchemaContext = { lists: questionnaire.lists, t, relaxed };
  const shape: Record<string, z.ZodType> = {};
  const others: Array<{ id: string; code: number }> = [];
  for (const q of section.questions) {
    if (!shown.has(q.id)) continue;
    shape[q.id] = questionSchema(q, ctx);
    const other = otherOption(q, questionnaire.lists);
    if (other) {
      shape[otherField(q.id)] = requiredOr(
        z.string().max(OTHER_TEXT_MAX, { message: t("errors.tooLong", { max: OTHER_TEXT_MAX }) }),
        false,
        t,
      );
      others.push({ id: q.id, code: other.code });
    }
  }
  const chose = (v: Record<string, unknown>, id: string, code: number) =>
    Array.isArray(v[id]) ? (v[id] as number[]).includes(code) : v[id] === code;
  return z
    .object(shape)
    .superRefine((values, zctx) => {
      for (const { id, code } of others) {
        if (!relaxed && chose(values, id, code) && values[otherField(id)] === undefined) {
          zctx.addIssue({ code: "custom", path: [otherField(id)], message: t("errors.otherRequired") });
        }
      }
    })
    .transform((values) => {
      const kept: Record<string, unknown> = { ...values };
      // Text typed for "other" and then unchosen is dropped, never stored.
      for (const { id, code } of others) if (!chose(values, id, code)) delete kept[otherField(id)];
      return kept;
    });
}

/**
 * Each shown question's value where it is valid, ignoring what is not: enough to
 * decide skip logic before the strict parse.
 */
export function readLeniently(
  questionnaire: Questionnaire,
  section: Section,
  payload: Record<string, unknown>,
  t: Translate,
): Record<string, unknown> {
  const ctx: SchemaContext = { lists: questionnaire.lists, t, relaxed: true };
  const values: Record<string, unknown> = {};
  for (const q of section.questions) {
    const parsed = questionSchema(q, ctx).safeParse(payload[q.id]);
    values[q.id] = parsed.success ? parsed.data : undefined;
  }
  return values;
}
