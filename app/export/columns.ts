import type { AnswerState } from "../../db/schema";
import { DONT_KNOW } from "~/engine/answer-schema";
import type { ItemQuestion, Question, Questionnaire } from "~/engine/definition";

/** Missing-value codes, the same in every numeric and text column; never 0, never blank. */
export const MISSING = {
  /** Shown but not answered (or not reached yet in a draft). */
  noAnswer: -99,
  /** Not shown: skip logic hid the question. */
  notShown: -88,
  /** "Don't know", where offered. */
  dontKnow: DONT_KNOW,
  /** Not coded yet: an open answer no coder has decided (theme columns only). */
  notCoded: -66,
} as const;

export type Cell = string | number;

export interface StoredAnswer {
  state: AnswerState;
  value: unknown;
  otherText: string | null;
}

/**
 * How a column's values read:
 * - categorical: codes of a list (or ISO country codes), labelled in the codebook;
 * - flag: 0/1, one option of a multiple choice;
 * - text, number, date: the answer itself;
 * - count: how many items a repeatable group has.
 */
export type ColumnKind = "categorical" | "flag" | "text" | "number" | "date" | "count";

export interface Column {
  name: string;
  question: Question | ItemQuestion;
  kind: ColumnKind;
  /** The list whose labels the codes take (categorical), or whose option this flag is. */
  list?: string;
  countries?: boolean;
  /** The option of a flag column, the row of a matrix column, the rank of a ranking column. */
  option?: number;
  row?: number;
  rank?: number;
  /** "Other – please specify" text. */
  otherText?: boolean;
  /** The codes joined by ";" (a multiple choice's optional joined column). */
  joined?: boolean;
  cell: (answer: StoredAnswer | undefined) => Cell;
}

/** The missing-value code for an answer that has no value; undefined when there is one. */
function missing(answer: StoredAnswer | undefined): Cell | undefined {
  if (!answer) return MISSING.noAnswer;
  if (answer.state === "not_shown") return MISSING.notShown;
  if (answer.state === "empty" || answer.value === null || answer.value === undefined) return MISSING.noAnswer;
  return undefined;
}

const scalar = (v: unknown): Cell => (typeof v === "number" ? v : String(v));

/** Name of a multiple-choice option column (REDCap's `var___code`; negative codes as `m<code>`). */
export const optionColumn = (id: string, code: number) => `${id}___${code < 0 ? `m${-code}` : code}`;

export interface ColumnOptions {
  /** Add `<id>` holding a multiple choice's codes joined by ";". */
  joinedMultiple?: boolean;
}

export function questionColumns(
  q: Question | ItemQuestion,
  lists: Questionnaire["lists"],
  options: ColumnOptions = {},
): Column[] {
  const columns: Column[] = [];
  const add = (column: Omit<Column, "question" | "cell">, read: (value: unknown, answer: StoredAnswer) => Cell) =>
    columns.push({ ...column, question: q, cell: (a) => missing(a) ?? read(a!.value, a!) });
  const hasOther = (q.type === "single" || q.type === "multiple") && lists[q.list]!.some((o) => o.other);

  switch (q.type) {
    case "single":
      add({ name: q.id, kind: "categorical", list: q.list }, scalar);
      break;
    case "multiple":
      for (const option of lists[q.list]!) {
        add({ name: optionColumn(q.id, option.code), kind: "flag", list: q.list, option: option.code }, (v) =>
          (v as number[]).includes(option.code) ? 1 : 0,
        );
      }
      if (options.joinedMultiple) add({ name: q.id, kind: "text", list: q.list, joined: true }, (v) => (v as number[]).join(";"));
      break;
    case "matrix":
      for (const row of lists[q.rows]!) {
        add(
          { name: `${q.id}_r${row.code}`, kind: "categorical", list: q.scale, row: row.code },
          (v) => (v as Record<string, number>)[String(row.code)] ?? MISSING.noAnswer,
        );
      }
      break;
    case "ranking":
      for (let rank = 1; rank <= q.top; rank++) {
        add(
          { name: `${q.id}_${rank}`, kind: "categorical", list: q.list, rank },
          (v) => (v as number[])[rank - 1] ?? MISSING.noAnswer,
        );
      }
      break;
    case "group":
      add({ name: `${q.id}_n`, kind: "count" }, (v) => (v as unknown[]).length);
      break;
    case "consent":
      add({ name: q.id, kind: "flag" }, () => 1);
      break;
    case "country":
      add({ name: q.id, kind: "categorical", countries: true }, scalar);
      break;
    case "number":
      add({ name: q.id, kind: "number" }, scalar);
      break;
    case "date":
      add({ name: q.id, kind: "date" }, scalar);
      break;
    default:
      add({ name: q.id, kind: "text" }, scalar);
  }
  if (hasOther) {
    columns.push({
      name: `${q.id}_other`,
      question: q,
      kind: "text",
      otherText: true,
      cell: (a) => missing(a) ?? a!.otherText ?? "",
    });
  }
  return columns;
}

export interface DatasetColumn extends Column {
  section: string;
}

/** Every answer column of a questionnaire's main dataset, in questionnaire order. */
export function datasetColumns(
  questionnaire: Questionnaire,
  options: ColumnOptions & { includePersonal?: boolean } = {},
): DatasetColumn[] {
  return questionnaire.sections.flatMap((s) =>
    s.questions
      .filter((q) => options.includePersonal || !q.personal)
      .flatMap((q) => questionColumns(q, questionnaire.lists, options).map((c) => ({ ...c, section: s.id }))),
  );
}

export const METADATA_COLUMNS = [
  "response_id",
  "questionnaire_version",
  "language",
  "status",
  "started_at",
  "submitted_at",
  "invitation_id",
] as const;

/** The long file of a repeatable group: one row per item, its own columns per item question. */
export function groupColumns(
  group: Extract<Question, { type: "group" }>,
  lists: Questionnaire["lists"],
  options: ColumnOptions = {},
): Column[] {
  return group.questions.flatMap((item) => questionColumns(item, lists, options));
}

export const GROUP_METADATA_COLUMNS = ["response_id", "group", "item"] as const;

/** A coder's reading of one answer, as exports see it. */
export interface CodingOfAnswer {
  coderId: string;
  /** The coder decided the answer (themes, or "no theme applies"); false for a note alone. */
  coded: boolean;
  themeIds: string[];
  note: string;
}

export interface Theme {
  id: string;
  code: string;
}

/** One 0/1 column per theme per coded question: `<variable>__<theme code>`. */
export interface ThemeColumn {
  name: string;
  question: Question;
  theme: Theme;
  cell: (answer: StoredAnswer | undefined, codings: CodingOfAnswer[] | undefined) => Cell;
}

/**
 * 1 when a coder tagged the answer with the theme, 0 when it was coded without it,
 * -66 when no coder has coded it yet, -99 when there is no answer, -88 when the question was not shown.
 */
export function themeColumns(questions: Question[], themes: Theme[]): ThemeColumn[] {
  return questions.flatMap((question) =>
    themes.map((theme) => ({
      name: `${question.id}__${theme.code}`,
      question,
      theme,
      cell: (answer: StoredAnswer | undefined, codings: CodingOfAnswer[] | undefined) => {
        const gone = missing(answer);
        if (gone !== undefined) return gone;
        const decided = codings?.filter((c) => c.coded) ?? [];
        if (!decided.length) return MISSING.notCoded;
        return decided.some((c) => c.themeIds.includes(theme.id)) ? 1 : 0;
      },
    })),
  );
}
