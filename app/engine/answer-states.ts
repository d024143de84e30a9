import type { AnswerValue } from "./conditions";
import type { Questionnaire } from "./definition";
import { computeVisibility } from "./visibility";

/**
 * The state of a question in a response:
 * - answered; empty: shown and saved without an answer;
 * - not_shown: routing hides it, recomputed from the answers (a section skipped whole has no stored rows);
 * - not_reached: shown, but its section was never saved (a draft that stopped before it).
 */
export type ResolvedState = "answered" | "empty" | "not_shown" | "not_reached";

export interface ResolvedAnswer {
  state: ResolvedState;
  value: unknown;
  otherText: string | null;
}

export interface StoredRow {
  state: "answered" | "empty" | "not_shown";
  value?: unknown;
  otherText?: string | null;
}

/**
 * Every question's state from the stored rows, by the one skip-logic evaluator: the detail page,
 * the export and the form all decide "not shown" this way, never from the stored `not_shown` state.
 */
export function resolveAnswers(questionnaire: Questionnaire, rows: ReadonlyMap<string, StoredRow>): Map<string, ResolvedAnswer> {
  const values: Record<string, AnswerValue> = {};
  for (const [variable, row] of rows) if (row.state === "answered") values[variable] = row.value as AnswerValue;
  const { questions: shown } = computeVisibility(questionnaire, values);
  const resolved = new Map<string, ResolvedAnswer>();
  for (const q of questionnaire.sections.flatMap((s) => s.questions)) {
    const row = rows.get(q.id);
    if (!shown.has(q.id)) resolved.set(q.id, { state: "not_shown", value: null, otherText: null });
    else if (row?.state === "answered")
      resolved.set(q.id, { state: "answered", value: row.value, otherText: row.otherText ?? null });
    // Stored as hidden, since shown by a later change elsewhere, and not saved again: not reached.
    else resolved.set(q.id, { state: row?.state === "empty" ? "empty" : "not_reached", value: null, otherText: null });
  }
  return resolved;
}
