import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** The whole database as Kysely sees it. Nullable columns are `T | null`, never optional. */
export interface Database {
  responses: ResponsesTable;
  answers: AnswersTable;
}

export type ResponseStatus = "draft" | "submitted";

export interface ResponsesTable {
  id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  language: string;
  status: ResponseStatus;
  /** The section the respondent last saved; resuming opens it. */
  current_section: string | null;
  /** SHA-256 of the resume link token; the token itself is never stored. */
  resume_token_hash: string | null;
  /** SHA-256 of the short resume code a person can type. */
  resume_code_hash: string | null;
  /** Grows by one on every save; guards against two tabs overwriting each other. */
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

/**
 * One row per question a respondent has reached.
 * `answered`: value holds the answer; `empty`: shown but left empty; `not_shown`: hidden by skip logic.
 */
export type AnswerState = "answered" | "empty" | "not_shown";

export interface AnswersTable {
  response_id: string;
  variable: string;
  state: AnswerState;
  /** JSON of the answer in stable codes (numbers for choices, ISO codes for countries). */
  value: string | null;
  /** The "Other – please specify" text, when that option was chosen. */
  other_text: string | null;
  updated_at: string;
}

export type ResponseRow = Selectable<ResponsesTable>;
export type NewResponse = Insertable<ResponsesTable>;
export type ResponseUpdate = Updateable<ResponsesTable>;
export type AnswerRow = Selectable<AnswersTable>;
export type NewAnswer = Insertable<AnswersTable>;
