import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** The whole database as Kysely sees it. Nullable columns are `T | null`, never optional. */
export interface Database {
  responses: ResponsesTable;
  answers: AnswersTable;
  answer_codes: AnswerCodesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  invitations: InvitationsTable;
  outbox: OutboxTable;
  themes: ThemesTable;
  theme_labels: ThemeLabelsTable;
  codings: CodingsTable;
  coding_themes: CodingThemesTable;
  consultations: ConsultationsTable;
  submission_events: SubmissionEventsTable;
  recovery_codes: RecoveryCodesTable;
  language_switches: LanguageSwitchesTable;
  compendium_entries: CompendiumEntriesTable;
  compendium_texts: CompendiumTextsTable;
  compendium_sources: CompendiumSourcesTable;
  citation_requests: CitationRequestsTable;
  directory_exits: DirectoryExitsTable;
  directory_notices: DirectoryNoticesTable;
  rate_limits: RateLimitsTable;
  job_leases: JobLeasesTable;
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
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** The invitation the respondent came through; null for the open link. */
  invitation_id: string | null;
  /** The consultation (round) the response belongs to; null only for rows older than consultations. */
  consultation_id: string | null;
}

/** A save that changed the response's language: paradata for analysts. */
export interface LanguageSwitchesTable {
  response_id: string;
  switched_at: string;
  from_language: string;
  to_language: string;
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

/** The codes of choice and country answers, one row each: what filters and counts read. */
export interface AnswerCodesTable {
  response_id: string;
  variable: string;
  code: string;
}

export type Role = "admin" | "organiser" | "coder";

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** scrypt, with its parameters and salt: see app/auth/password.server.ts. */
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** Base32 TOTP secret; set at enrolment, in force once `totp_enabled_at` is set by a confirming code. */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** 1: a lead coder, who manages the themes whatever the role (app/auth/permissions.ts). */
  lead_coder: Generated<number>;
  /** 1: an editor, who curates the Compendium whatever the role (app/auth/permissions.ts). */
  editor: Generated<number>;
}

/** Single-use codes for signing in without the authenticator; SHA-256 hashes only. */
export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session id in the cookie. */
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  /** 1 between the password and the second factor: such a session opens only the code page. */
  second_factor_pending: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  /** The actor's email at the time, kept when the account goes. */
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON; never answers, passwords or tokens. */
  details: string | null;
}

export interface InvitationsTable {
  id: string;
  questionnaire_id: string;
  name: string;
  email: string;
  organisation: string;
  language: string;
  /** SHA-256 of the link token (itself derived from the id with the server secret). */
  token_hash: string;
  created_at: string;
  created_by: string | null;
  /** When the first invitation e-mail was queued, and the latest reminder. */
  invited_at: string | null;
  reminded_at: string | null;
  /** The expert said they will not take part: no more reminders. */
  declined_at: string | null;
  country: string;
  region: string;
  sector: string;
  /** The consultation the expert is invited to; null only for rows older than consultations. */
  consultation_id: string | null;
}

/**
 * queued → sending → sent; a refusal goes back to queued with a later next try, or to failed.
 * A row left in sending by a crash becomes unknown: it may have been delivered, so it is never resent by itself.
 */
export type OutboxStatus = "queued" | "sending" | "sent" | "failed" | "unknown";

export interface OutboxTable {
  id: string;
  invitation_id: string | null;
  /** The response a message is about (a receipt, a citation request): erased with it. */
  response_id: string | null;
  /** A receipt is the copy of a respondent's submitted answers, sent at their request. */
  kind: "invitation" | "reminder" | "receipt" | "citation" | "directory";
  to_address: string;
  reply_to: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  /** The mail server's reply (or the connection error) on the last refusal. */
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A theme of the qualitative codebook, per questionnaire. */
export interface ThemesTable {
  id: string;
  questionnaire_id: string;
  /** Short and stable: it names the dataset columns (`<variable>__<code>`). */
  code: string;
  created_at: string;
}

/** A theme's label and description in one language; a language without a row falls back to English. */
export interface ThemeLabelsTable {
  theme_id: string;
  language: string;
  label: string;
  description: string;
}

/** One coder's reading of one open answer. */
export interface CodingsTable {
  response_id: string;
  variable: string;
  coder_id: string;
  note: string;
  /** 1 when the coder decided the answer (themes, or "no theme applies"); 0 for a note alone. */
  coded: number;
  updated_at: string;
}

export interface CodingThemesTable {
  response_id: string;
  variable: string;
  coder_id: string;
  theme_id: string;
}

/**
 * One consultation (a REGM round): which questionnaire version it asks, of whom (an M49 area), in which
 * languages, and when: from the start of `opens_on` to the end of `closes_on` (UTC days), unless closed.
 */
export interface ConsultationsTable {
  /** Short and stable: the open link (/q/<id>) and the dataset's consultation column. */
  id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  name: string;
  /** An M49 area code (region, sub-region or intermediate region); null: countries anywhere. */
  region: string | null;
  /** JSON array of language codes; null: every language the app serves. */
  languages: string | null;
  /** YYYY-MM-DD; null: open from the start. */
  opens_on: string | null;
  /** YYYY-MM-DD, the last day answers are taken; null: no closing date. */
  closes_on: string | null;
  /** Set when an organiser closed it: no more answers, whatever the days. */
  closed_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export type SubmissionEventKind = "submitted" | "reopened";

/** A response's history: each submission, and each reopening with who did it and why. */
export interface SubmissionEventsTable {
  id: Generated<number>;
  response_id: string;
  kind: SubmissionEventKind;
  at: string;
  /** The organiser who reopened; null for the respondent's own submission. */
  actor_id: string | null;
  reason: string | null;
}

export type CompendiumDecision = "include" | "exclude" | "hold";

/** One example of the Compendium, curated from one or more described examples (its sources). */
export interface CompendiumEntriesTable {
  id: string;
  questionnaire_id: string;
  decision: Generated<CompendiumDecision>;
  /** JSON array of practice codes (the questionnaire's practice list). */
  practices: Generated<string>;
  notes: Generated<string>;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** An entry's editorial title and summary in one language. */
export interface CompendiumTextsTable {
  entry_id: string;
  language: string;
  title: string;
  summary: string;
}

/** A described example (item `item_index` of a response's repeatable group) that an entry draws on. */
export interface CompendiumSourcesTable {
  entry_id: string;
  response_id: string;
  item_index: number;
}

/** A request to cite an "ask me first" example; the respondent's answer, when, and the wording they saw. */
export interface CitationRequestsTable {
  id: string;
  response_id: string;
  item_index: number;
  /** SHA-256 of the link token; the token itself is only in the e-mail. */
  token_hash: string;
  requested_at: string;
  requested_by: string | null;
  answer: "granted" | "refused" | null;
  answered_at: string | null;
  wording: string | null;
}

/** A respondent who left the stakeholder directory. */
export interface DirectoryExitsTable {
  response_id: string;
  left_at: string;
}

/** A respondent told by e-mail that they are in the stakeholder directory, and how to leave it. */
export interface DirectoryNoticesTable {
  response_id: string;
  notified_at: string;
}

/** rate-limiter-flexible's counters, shared by every process (app/utils/rate-limit.server.ts). */
export interface RateLimitsTable {
  /** `<limit>:<SHA-256 of the limited key>`: addresses and e-mails are never stored as such. */
  key: string;
  points: number;
  /** When the window ends, in milliseconds since the epoch (PostgreSQL's bigint reads as a string). */
  expire: number | string | null;
}

/** Who ran a daily job last and until when no other process may (app/models/job-lease.server.ts). */
export interface JobLeasesTable {
  name: string;
  holder: string;
  held_until: string;
}

export type ThemeRow = Selectable<ThemesTable>;
export type ResponseRow = Selectable<ResponsesTable>;
export type UserRow = Selectable<UsersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewResponse = Insertable<ResponsesTable>;
export type ResponseUpdate = Updateable<ResponsesTable>;
export type AnswerRow = Selectable<AnswersTable>;
export type NewAnswer = Insertable<AnswersTable>;
