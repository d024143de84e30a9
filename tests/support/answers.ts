import type { AnswerValue } from "~/engine/conditions";
import type { AnswerToStore } from "~/models/response.server";

/** Answers as a section save stores them, for tests that write straight to the database. */
export const answered = (variable: string, value: AnswerValue, otherText?: string): AnswerToStore => ({
  variable,
  state: "answered",
  value,
  otherText,
});
export const empty = (variable: string): AnswerToStore => ({ variable, state: "empty" });
export const hidden = (variable: string): AnswerToStore => ({ variable, state: "not_shown" });
