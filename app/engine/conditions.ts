import type { Condition } from "./definition";

/** An answer in stable codes, as stored and as read back from a form. */
export type AnswerValue = string | number | boolean | number[] | Record<string, number> | Array<Record<string, unknown>>;

export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/**
 * Decides whether a condition holds for some answers. Pure, with no imports but
 * types, so the same code runs on the server and in the respondent's browser.
 * A question that was not answered (or not shown) matches nothing but `not`.
 */
export function evaluate(condition: Condition, answers: Answers): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluate(c, answers));
  if ("any" in condition) return condition.any.some((c) => evaluate(c, answers));
  if ("not" in condition) return !evaluate(condition.not, answers);

  const value = answers[condition.q];
  if ("answered" in condition) return isAnswered(value);
  if (!isAnswered(value)) return false;
  if ("equals" in condition) return value === condition.equals;
  if ("in" in condition) return (condition.in as unknown[]).includes(value);
  if (Array.isArray(value)) return (value as unknown[]).includes(condition.contains);
  if (typeof value === "string") return value.includes(String(condition.contains));
  return false;
}

/** The question ids a condition reads, for checking references. */
export function referencedQuestions(condition: Condition): string[] {
  if ("all" in condition) return condition.all.flatMap(referencedQuestions);
  if ("any" in condition) return condition.any.flatMap(referencedQuestions);
  if ("not" in condition) return referencedQuestions(condition.not);
  return [condition.q];
}
