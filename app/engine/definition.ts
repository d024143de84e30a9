import { z } from "zod";

/**
 * The questionnaire definition format. A questionnaire is data: this schema checks
 * its shape when it is loaded; `checkDefinition` checks what a shape cannot
 * (duplicates, references, wording keys).
 *
 * Wording is never written here. Every text is an i18n key in the questionnaire's
 * namespace, found by convention (see `wording.ts`).
 */

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, "must be 1-32 lower-case letters, digits or _, starting with a letter");

export type Code = number;
const code = z.number().int().min(-999).max(9999);

export const optionSchema = z.object({
  code,
  /** "Other – please specify": choosing it asks for a text. */
  other: z.boolean().optional(),
  /** "None of these": cannot be combined with another option. */
  exclusive: z.boolean().optional(),
});
export type Option = z.infer<typeof optionSchema>;

/** A named list of options; its labels are `lists.<listId>.<code>`. */
export const choiceListSchema = z.array(optionSchema).min(1);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export type Condition =
  | { q: string; equals: string | number | boolean }
  | { q: string; in: Array<string | number> }
  | { q: string; contains: string | number }
  | { q: string; answered: true }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ q: identifier, equals: scalar }),
    z.strictObject({ q: identifier, in: z.array(z.union([z.string(), z.number()])).min(1) }),
    z.strictObject({ q: identifier, contains: z.union([z.string(), z.number()]) }),
    z.strictObject({ q: identifier, answered: z.literal(true) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
  ]),
);

const base = {
  /** Also the variable name in datasets: short, stable, unique. */
  id: identifier,
  /** Personal data (names, contact details): left out of exports unless an admin asks for it. */
  personal: z.boolean().optional(),
  required: z.boolean().optional(),
  /** The question has a hint (`<id>.hint`). */
  hint: z.boolean().optional(),
  /**
   * Where its texts live when a later version rewords it (`questions.<wording>.label`, `.hint`): the
   * earlier version keeps its own text under the id, so a released version never changes meaning.
   */
  wording: identifier.optional(),
  showIf: conditionSchema.optional(),
};

const single = z.strictObject({
  ...base,
  type: z.literal("single"),
  list: identifier,
  /** radio buttons by default; a select for long lists. */
  display: z.enum(["radio", "select"]).optional(),
});
const multiple = z.strictObject({
  ...base,
  type: z.literal("multiple"),
  list: identifier,
  min: z.number().int().min(1).optional(),
  max: z.number().int().min(1).optional(),
});
const text = z.strictObject({
  ...base,
  type: z.literal("text"),
  maxLength: z.number().int().min(1).max(1000).optional(),
});
const longtext = z.strictObject({
  ...base,
  type: z.literal("longtext"),
  maxLength: z.number().int().min(1).max(20000).optional(),
});
const number = z.strictObject({
  ...base,
  type: z.literal("number"),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
});
const date = z.strictObject({
  ...base,
  type: z.literal("date"),
  min: z.iso.date().optional(),
  max: z.iso.date().optional(),
});
const email = z.strictObject({ ...base, type: z.literal("email") });
const country = z.strictObject({
  ...base,
  type: z.literal("country"),
  /** ISO 3166-1 alpha-2 codes offered first, in this order. */
  priority: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
});
const matrix = z.strictObject({
  ...base,
  type: z.literal("matrix"),
  /** Rows: a choice list whose codes name the row variables. */
  rows: identifier,
  /** The shared scale every row is rated on. */
  scale: identifier,
  /** Adds a "don't know" column, stored as -77. */
  dontKnow: z.boolean().optional(),
  /** Adds a "not relevant here" column (`questions.<id>.notApplicable`), stored as -55. */
  notApplicable: z.boolean().optional(),
});
const ranking = z.strictObject({
  ...base,
  type: z.literal("ranking"),
  list: identifier,
  top: z.number().int().min(1).max(10),
});
const consent = z.strictObject({ ...base, type: z.literal("consent") });

export const itemQuestionSchema = z.discriminatedUnion("type", [single, multiple, text, longtext, number, date, email, country]);
export type ItemQuestion = z.infer<typeof itemQuestionSchema>;

const group = z.strictObject({
  ...base,
  type: z.literal("group"),
  /** The questions asked about each item. */
  questions: z.array(itemQuestionSchema).min(1),
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(1).max(50).optional(),
});

export const questionSchema = z.discriminatedUnion("type", [
  single,
  multiple,
  text,
  longtext,
  number,
  date,
  email,
  country,
  matrix,
  ranking,
  consent,
  group,
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question["type"];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const sectionSchema = z.strictObject({
  id: identifier,
  /** The section has an introduction (`sections.<id>.intro`). */
  intro: z.boolean().optional(),
  /**
   * Asked on the start page, before anything is stored (the respondent's consent): no response
   * exists until its questions are answered. Only the first section, only consent questions.
   */
  start: z.boolean().optional(),
  showIf: conditionSchema.optional(),
  questions: z.array(questionSchema).min(1),
});
export type Section = z.infer<typeof sectionSchema>;

/** A theme's code: it names dataset columns (`<variable>__<code>`), so it is short and stable. */
export const themeCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,23}$/, "must be 1-24 lower-case letters, digits or _, starting with a letter");

/** A theme the questionnaire proposes for coding its open answers: `seedThemes.<code>.label` in its namespace. */
export const seedThemeSchema = z.strictObject({
  code: themeCode,
  /** The theme has a description (`seedThemes.<code>.description`). */
  description: z.boolean().optional(),
});
export type SeedTheme = z.infer<typeof seedThemeSchema>;

export const questionnaireSchema = z.strictObject({
  /** The JSON Schema an editor checks the file against (app/questionnaires/definitions/schema.json). */
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  version: z.number().int().min(1),
  /** Languages whose wording must be complete; others fall back to the first. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).min(1),
  lists: z.record(identifier, choiceListSchema),
  sections: z.array(sectionSchema).min(1),
  /** Choice or country questions that organisers filter and break results down by (the first ones count most). */
  organiserFilters: z.array(identifier).optional(),
  /** Themes an administrator can add to the coding in one step (the themes page's "seed"). */
  seedThemes: z.array(seedThemeSchema).optional(),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;
