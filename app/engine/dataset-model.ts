import type { ResolvedAnswer } from "./answer-states";
import { isAnswered } from "./conditions";
import type { ItemQuestion, Option, Question, QuestionOf, QuestionType, Questionnaire } from "./definition";
import { EMAIL_MAX, OTHER_TEXT_MAX, textMax } from "./limits";
import { MISSING, type MissingCode } from "./missing";
import { wordingKey } from "./wording";

/**
 * The dataset a questionnaire implies, derived once from its definition: every variable with its
 * name, kind, value set, missing codes and the question, row, option or rank it comes from. The
 * export, codebook, syntax files, paper version and definition checker read it; none names a
 * variable or decides a limit itself.
 */

export type Cell = string | number;

/**
 * How a variable's values read:
 * - categorical: codes of a list (or ISO country codes), labelled in the codebook;
 * - flag: 0/1, one option of a multiple choice (1 only for a consent);
 * - text, number, date: the answer itself;
 * - count: how many items a repeatable group has (0 is a real value: none).
 */
export type VariableKind = "categorical" | "flag" | "text" | "number" | "date" | "count";

/**
 * How an analysis package should treat a variable (SPSS's measurement level, R's ordered factors):
 * a matrix rates its rows on an ordered scale; codes of any other list, flags, texts and country
 * codes only name things; numbers, counts and dates measure.
 */
export type MeasurementLevel = "nominal" | "ordinal" | "scale";

/** A code of a variable's value set with the key of its label (`common:` and `organiser:` keys are the app's own). */
export interface ValueCode {
  code: number;
  labelKey: string;
}

export interface Variable {
  name: string;
  kind: VariableKind;
  level: MeasurementLevel;
  question: Question | ItemQuestion;
  /** The section of the question (of its group, for an item variable). */
  section: string;
  /** The repeatable group whose long file holds this variable. */
  group?: string;
  /** The list whose labels the codes take (categorical), or whose option this flag is. */
  list?: string;
  /** Codes and label keys; "countries" for ISO codes labelled by country name. */
  values: ValueCode[] | "countries";
  /** The missing codes this variable can hold. */
  missing: MissingCode[];
  /** The most characters a text variable holds (defaults filled in). */
  maxLength?: number;
  /** Numbers without decimals. */
  integer?: boolean;
  /** The option of a flag, the row of a matrix, the rank of a ranking. */
  option?: number;
  row?: number;
  rank?: number;
  /** "Other – please specify" text. */
  otherText?: boolean;
  /** The codes of a multiple choice joined by ";" (an optional column), and their label keys. */
  joined?: boolean;
  joinedCodes?: ValueCode[];
  /** The cell for one answer of a response, missing codes included. */
  cell: (answer: ResolvedAnswer | undefined) => Cell;
}

/** Name of a multiple-choice option variable (REDCap's `var___code`; negative codes as `m<code>`). */
export const optionVariable = (id: string, code: number) => `${id}___${code < 0 ? `m${-code}` : code}`;
export const matrixRowVariable = (id: string, row: number) => `${id}_r${row}`;
export const rankVariable = (id: string, rank: number) => `${id}_${rank}`;
export const countVariable = (id: string) => `${id}_n`;
export const otherTextVariable = (id: string) => `${id}_other`;

const FLAG_VALUES: ValueCode[] = [
  { code: 0, labelKey: "organiser:codebook.notChosen" },
  { code: 1, labelKey: "organiser:codebook.chosen" },
];
const listValues = (listId: string, options: Option[]): ValueCode[] =>
  options.map((o) => ({ code: o.code, labelKey: wordingKey.option(listId, o.code) }));
const scalar = (v: unknown): Cell => (typeof v === "number" ? v : String(v));

/** A variable as a question type declares it; the compiler adds question, section and missing codes. */
type Declared = Omit<Variable, "question" | "section" | "group" | "missing" | "cell" | "level"> & {
  /** The cell of an answered value; an answer left empty is -99 unless `whenEmpty` says otherwise. */
  read: (value: unknown, otherText: string | null) => Cell;
  whenEmpty?: Cell;
  missing?: MissingCode[];
};

type Declare<T extends QuestionType> = (q: QuestionOf<T>, lists: Questionnaire["lists"]) => Declared[];

/** Each question type's dataset variables; typed so a new type does not compile until it declares its own. */
const declared: { [T in QuestionType]: Declare<T> } = {
  single: (q, lists) => [
    { name: q.id, kind: "categorical", list: q.list, values: listValues(q.list, lists[q.list]!), read: scalar },
  ],
  multiple: (q, lists) => [
    ...lists[q.list]!.map((option): Declared => ({
      name: optionVariable(q.id, option.code),
      kind: "flag",
      list: q.list,
      option: option.code,
      values: FLAG_VALUES,
      read: (v) => ((v as number[]).includes(option.code) ? 1 : 0),
    })),
    {
      name: q.id,
      kind: "text",
      list: q.list,
      joined: true,
      values: [],
      joinedCodes: listValues(q.list, lists[q.list]!),
      maxLength: lists[q.list]!.length * 6,
      read: (v) => (v as number[]).join(";"),
    },
  ],
  text: (q) => [{ name: q.id, kind: "text", values: [], maxLength: textMax(q), read: scalar }],
  longtext: (q) => [{ name: q.id, kind: "text", values: [], maxLength: textMax(q), read: scalar }],
  email: (q) => [{ name: q.id, kind: "text", values: [], maxLength: EMAIL_MAX, read: scalar }],
  number: (q) => [{ name: q.id, kind: "number", values: [], integer: Boolean(q.integer), read: scalar }],
  date: (q) => [{ name: q.id, kind: "date", values: [], read: scalar }],
  country: (q) => [{ name: q.id, kind: "categorical", values: "countries", read: scalar }],
  consent: (q) => [{ name: q.id, kind: "flag", values: [{ code: 1, labelKey: "organiser:codebook.given" }], read: () => 1 }],
  matrix: (q, lists) =>
    lists[q.rows]!.map((row) => ({
      name: matrixRowVariable(q.id, row.code),
      kind: "categorical",
      list: q.scale,
      row: row.code,
      values: listValues(q.scale, lists[q.scale]!),
      missing:
        q.dontKnow || q.notApplicable
          ? [
              MISSING.noAnswer,
              MISSING.notShown,
              ...(q.dontKnow ? [MISSING.dontKnow] : []),
              ...(q.notApplicable ? [MISSING.notApplicable] : []),
            ]
          : undefined,
      read: (v) => (v as Record<string, number>)[String(row.code)] ?? MISSING.noAnswer,
    })),
  ranking: (q, lists) =>
    Array.from({ length: q.top }, (_, i) => ({
      name: rankVariable(q.id, i + 1),
      kind: "categorical",
      list: q.list,
      rank: i + 1,
      values: listValues(q.list, lists[q.list]!),
      read: (v) => (v as number[])[i] ?? MISSING.noAnswer,
    })),
  // Shown and saved with no item is a count of 0: "none" is an answer.
  group: (q) => [{ name: countVariable(q.id), kind: "count", values: [], read: (v) => (v as unknown[]).length, whenEmpty: 0 }],
};

function declare(q: Question | ItemQuestion, lists: Questionnaire["lists"]): Declared[] {
  const own = (declared[q.type] as Declare<typeof q.type>)(q as never, lists);
  const other = (q.type === "single" || q.type === "multiple") && lists[q.list]!.find((o) => o.other);
  if (!other) return own;
  const chose = (v: unknown) => (Array.isArray(v) ? v.includes(other.code) : v === other.code);
  return [
    ...own,
    {
      name: otherTextVariable(q.id),
      kind: "text",
      otherText: true,
      values: [],
      maxLength: OTHER_TEXT_MAX,
      // Asked only with Other: not applicable otherwise.
      read: (v, text) => (!chose(v) ? MISSING.notShown : text ? text : MISSING.noAnswer),
      whenEmpty: MISSING.notShown,
    },
  ];
}

const LEVEL_OF_KIND: Readonly<Record<VariableKind, MeasurementLevel>> = {
  categorical: "nominal",
  flag: "nominal",
  text: "nominal",
  number: "scale",
  count: "scale",
  date: "scale",
};

function compileVariable(d: Declared, question: Question | ItemQuestion, section: string, group?: string): Variable {
  const { read, whenEmpty, missing, ...rest } = d;
  return {
    ...rest,
    level: question.type === "matrix" ? "ordinal" : LEVEL_OF_KIND[d.kind],
    question,
    section,
    ...(group ? { group } : {}),
    // Item questions have no conditions: an item's answer is never hidden by routing.
    missing: missing ?? (group ? [MISSING.noAnswer] : [MISSING.noAnswer, MISSING.notShown]),
    cell: (a) => {
      if (!a || a.state === "not_reached") return MISSING.noAnswer;
      if (a.state === "not_shown") return MISSING.notShown;
      if (a.state === "empty" || !isAnswered(a.value as never)) return whenEmpty ?? MISSING.noAnswer;
      return read(a.value, a.otherText);
    },
  };
}

export interface DatasetModel {
  /** The main file's variables in questionnaire order, personal ones and the optional joined columns included. */
  variables: Variable[];
  /** Each repeatable group's long file: its item variables. */
  groups: Map<string, Variable[]>;
  /** Every variable by name (main file first). */
  byName: Map<string, Variable>;
}

/** Every variable of every file, first as declared, for the definition checker's collision test. */
export function declaredVariables(q: Question, lists: Questionnaire["lists"]): string[] {
  return declare(q, lists).map((d) => d.name);
}

const compiled = new WeakMap<Questionnaire, DatasetModel>();

/** The questionnaire's dataset, compiled once per loaded definition. */
export function datasetModel(questionnaire: Questionnaire): DatasetModel {
  let model = compiled.get(questionnaire);
  if (model) return model;
  const { lists } = questionnaire;
  const variables: Variable[] = [];
  const groups = new Map<string, Variable[]>();
  for (const section of questionnaire.sections) {
    for (const q of section.questions) {
      variables.push(...declare(q, lists).map((d) => compileVariable(d, q, section.id)));
      if (q.type === "group") {
        groups.set(
          q.id,
          q.questions.flatMap((item) => declare(item, lists).map((d) => compileVariable(d, item, section.id, q.id))),
        );
      }
    }
  }
  const byName = new Map<string, Variable>();
  for (const v of [...variables, ...[...groups.values()].flat()]) if (!byName.has(v.name)) byName.set(v.name, v);
  model = { variables, groups, byName };
  compiled.set(questionnaire, model);
  return model;
}

/** An item of a repeatable group as the cells of its long file read it. */
export function itemAnswer(item: Record<string, unknown>, id: string): ResolvedAnswer {
  const value = item[id];
  // An untouched multiple choice is stored as []: not an answer, so -99 and not 0 in every flag.
  return isAnswered(value as never)
    ? { state: "answered", value, otherText: null }
    : { state: "empty", value: null, otherText: null };
}
