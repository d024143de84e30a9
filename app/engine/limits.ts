import type { ItemQuestion, Question } from "./definition";

/** Limits a definition leaves unsaid, decided once for the form, validation, paper version and datasets. */
export const DEFAULT_TEXT_MAX = 200;
export const DEFAULT_LONGTEXT_MAX = 5000;
/** The "Other – please specify" text. */
export const OTHER_TEXT_MAX = 200;
export const DEFAULT_GROUP_MAX = 50;
export const EMAIL_MAX = 254;

/** The most characters a text answer may have. */
export function textMax(q: Extract<Question | ItemQuestion, { type: "text" | "longtext" }>): number {
  return q.maxLength ?? (q.type === "text" ? DEFAULT_TEXT_MAX : DEFAULT_LONGTEXT_MAX);
}

/** The most items a repeatable group may have. */
export function groupMax(q: Extract<Question, { type: "group" }>): number {
  return q.max ?? DEFAULT_GROUP_MAX;
}
