import type { AnswerState } from "../../db/schema";
import { DONT_KNOW } from "~/engine/answer-schema";
import type { Question, Questionnaire } from "~/engine/definition";

/** Missing-value codes, the same in every numeric and text column. */
export const MISSING = {
  /** Shown but not answered (or not reached yet in a draft). */
  noAnswer: -99,
  /** Not shown: skip logic hid the question. */
  notShown: -88,
  /** "Don't know", where offered. */
  dontKnow: DONT_KNOW,
} as const;

export type Cell = string | number;

export interface StoredAnswer {
  state: AnswerState;
  value: unknown;
  otherText: string | null;
}

/** One dataset column: its name and how to read its cell from a question's stored answer. */
export interface Column {
  name: string;
  question: Question;
  cell: (answer: StoredAnswer | undefined) => Cell;
}

/** The missing-value code for an answer that has no value; undefined when there is one. */
function missing(answer: StoredAnswer | undefined): Cell | undefined {
  if (!answer) return MISSING.noAnswer;
  if (answer.state === "not_shown") return MISSING.notShown;
  if (answer.state === "empty" || answer.value === null || answer.value === undefined) return MISSING.noAnswer;
  return undefined;
}

const scalar = (v: unknown): Cell => (typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : String(v));

/** Name of a multiple-choice option column (REDCap's `var___code`; negative codes as `m<code>`). */
export const optionColumn = (id: string, code: number) => `${id}___${code < 0 ? `m${-code}` : code}`;

function questionColumns(q: Question, lists: Questionnaire["lists"]): Column[] {
  const columns: Column[] = [];
  const add = (name: string, read: (value: unknown, answer: StoredAnswer) => Cell) =>
    columns.push({ name, question: q, cell: (a) => missing(a) ?? read(a!.value, a!) });
  const hasOther = (q.type === "single" || q.type === "multiple") && lists[q.list]!.some((o) => o.other);

  switch (q.type) {
    case "multiple":
      for (const option of lists[q.list]!) add(optionColumn(q.id, option.code), (v) => ((v as number[]).includes(option.code) ? 1 : 0));
      break;
    case "matrix":
      for (const row of lists[q.rows]!) {
        add(`${q.id}_r${row.code}`, (v) => (v as Record<string, number>)[String(row.code)] ?? MISSING.noAnswer);
      }
      break;
    case "ranking":
      for (let rank = 1; rank <= q.top; rank++) add(`${q.id}_${rank}`, (v) => (v as number[])[rank - 1] ?? MISSING.noAnswer);
      break;
    case "group":
      add(`${q.id}_n`, (v) => (v as unknown[]).length);
      break;
    case "consent":
      add(q.id, () => 1);
      break;
    default:
      add(q.id, scalar);
  }
  if (hasOther) {
    columns.push({
      name: `${q.id}_other`,
      question: q,
      cell: (a) => missing(a) ?? (a!.otherText ?? ""),
    });
  }
  return columns;
}

/** Every answer column of a questionnaire's dataset, in questionnaire order. */
export function datasetColumns(questionnaire: Questionnaire): Column[] {
  return questionnaire.sections.flatMap((s) => s.questions.flatMap((q) => questionColumns(q, questionnaire.lists)));
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
