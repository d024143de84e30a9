import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { AnswerState, Database, ResponseRow, ResponseStatus, ResponseUpdate, SubmissionEventKind } from "../../db/schema";
import type { AnswerValue, Answers } from "~/engine/conditions";

type Db = Kysely<Database> | Transaction<Database>;

const now = () => new Date().toISOString();

export function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

export interface NewResponseInput {
  id: string;
  questionnaireId: string;
  questionnaireVersion: number;
  /** The consultation (round) it answers: its open link or invitation named it. */
  consultationId?: string | null;
  language: string;
  /** Hashes of the resume link token and resume code; the secrets themselves are never stored. */
  tokenHash: string;
  codeHash: string;
  invitationId?: string | null;
}

export async function createResponse(db: Db, input: NewResponseInput): Promise<ResponseRow> {
  const timestamp = now();
  return db
    .insertInto("responses")
    .values({
      id: input.id,
      questionnaire_id: input.questionnaireId,
      questionnaire_version: input.questionnaireVersion,
      consultation_id: input.consultationId ?? null,
      language: input.language,
      status: "draft",
      current_section: null,
      resume_token_hash: input.tokenHash,
      resume_code_hash: input.codeHash,
      created_at: timestamp,
      updated_at: timestamp,
      submitted_at: null,
      invitation_id: input.invitationId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A consultation's response by its resume link token: a link of one round never opens another's. */
export async function findResponseByToken(db: Db, consultationId: string, token: string): Promise<ResponseRow | undefined> {
  return db
    .selectFrom("responses")
    .selectAll()
    .where("resume_token_hash", "=", hashSecret(token))
    .where("consultation_id", "=", consultationId)
    .executeTakeFirst();
}

/** A response by its resume code, among a questionnaire's (organisers) or one consultation's (respondents). */
export async function findResponseByCode(
  db: Db,
  scope: { questionnaireId: string } | { consultationId: string },
  code: string,
): Promise<ResponseRow | undefined> {
  let query = db.selectFrom("responses").selectAll().where("resume_code_hash", "=", hashSecret(code));
  query =
    "consultationId" in scope
      ? query.where("consultation_id", "=", scope.consultationId)
      : query.where("questionnaire_id", "=", scope.questionnaireId);
  return query.executeTakeFirst();
}

export interface StoredAnswers {
  values: Answers;
  otherTexts: Readonly<Record<string, string>>;
  /** Each stored variable's state: answered, left empty, or not shown (hidden by other answers). */
  states: Readonly<Record<string, AnswerState>>;
}

export async function loadAnswers(db: Db, responseId: string): Promise<StoredAnswers> {
  const rows = await db
    .selectFrom("answers")
    .select(["variable", "state", "value", "other_text"])
    .where("response_id", "=", responseId)
    .execute();
  const values: Record<string, AnswerValue> = {};
  const otherTexts: Record<string, string> = {};
  const states: Record<string, AnswerState> = {};
  for (const row of rows) {
    if (row.state === "answered" && row.value !== null) values[row.variable] = JSON.parse(row.value) as AnswerValue;
    if (row.other_text !== null) otherTexts[row.variable] = row.other_text;
    states[row.variable] = row.state;
  }
  return { values, otherTexts, states };
}

/** Every stored answer with its state, for organisers: variable -> state, value, other text. */
export async function loadAnswerStates(db: Db, responseId: string) {
  const rows = await db
    .selectFrom("answers")
    .select(["variable", "state", "value", "other_text"])
    .where("response_id", "=", responseId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.variable,
      {
        state: r.state,
        value: r.value === null ? undefined : (JSON.parse(r.value) as AnswerValue),
        otherText: r.other_text ?? undefined,
      },
    ]),
  );
}

/** How many answers each response holds (answered, not merely shown). */
export async function countAnswered(db: Db, responseIds: string[]): Promise<Map<string, number>> {
  if (responseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("answers")
    .select(["response_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("response_id", "in", responseIds)
    .where("state", "=", "answered")
    .groupBy("response_id")
    .execute();
  return new Map(rows.map((r) => [r.response_id, Number(r.n)]));
}

export async function findResponseById(db: Db, id: string): Promise<ResponseRow | undefined> {
  return db.selectFrom("responses").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface AnswerToStore {
  variable: string;
  state: AnswerState;
  value?: AnswerValue;
  otherText?: string;
  /** Choice or country codes of the answer, kept apart for filters and counts. */
  codes?: string[];
}

export interface SectionSave {
  responseId: string;
  language: string;
  currentSection: string | null;
  answers: AnswerToStore[];
  /** Variables hidden by skip logic anywhere in the questionnaire: their answers are removed. */
  notShown: string[];
}

/** What came of a save: stored, or refused because the response is no longer a draft. */
export type SaveOutcome = "saved" | "locked";

/**
 * Stores one section's answers and the respondent's place, all or nothing. The draft is claimed
 * first, inside the transaction: a save that started before a submission changes nothing after it.
 */
export async function saveSection(db: Kysely<Database>, save: SectionSave): Promise<SaveOutcome> {
  const timestamp = now();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("responses").select("language").where("id", "=", save.responseId).executeTakeFirst();
    const claimed = await trx
      .updateTable("responses")
      .set({ language: save.language, current_section: save.currentSection, updated_at: timestamp })
      .where("id", "=", save.responseId)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return "locked";
    if (before && before.language !== save.language) {
      await trx
        .insertInto("language_switches")
        .values({
          response_id: save.responseId,
          switched_at: timestamp,
          from_language: before.language,
          to_language: save.language,
        })
        .execute();
    }
    // One statement for the whole section: a row per question, updated where one was stored before.
    if (save.answers.length > 0) {
      await trx
        .insertInto("answers")
        .values(
          save.answers.map((answer) => ({
            response_id: save.responseId,
            variable: answer.variable,
            state: answer.state,
            value: answer.state === "answered" ? JSON.stringify(answer.value) : null,
            other_text: answer.state === "answered" ? (answer.otherText ?? null) : null,
            updated_at: timestamp,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["response_id", "variable"]).doUpdateSet((eb) => ({
            state: eb.ref("excluded.state"),
            value: eb.ref("excluded.value"),
            other_text: eb.ref("excluded.other_text"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
    const touched = [...save.answers.map((a) => a.variable), ...save.notShown];
    if (touched.length > 0) {
      await trx.deleteFrom("answer_codes").where("response_id", "=", save.responseId).where("variable", "in", touched).execute();
    }
    const codes = save.answers.flatMap((a) =>
      a.state === "answered" ? (a.codes ?? []).map((code) => ({ response_id: save.responseId, variable: a.variable, code })) : [],
    );
    if (codes.length > 0) await trx.insertInto("answer_codes").values(codes).execute();
    if (save.notShown.length > 0) {
      await trx
        .updateTable("answers")
        .set({ state: "not_shown", value: null, other_text: null, updated_at: timestamp })
        .where("response_id", "=", save.responseId)
        .where("variable", "in", save.notShown)
        .where("state", "!=", "not_shown")
        .execute();
    }
    return "saved";
  });
}

/** Runs `work` in the caller's transaction, or in a new one. */
function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/**
 * Moves a response from one status to the other and writes the event to its history, in one
 * transaction. Returns false (and writes nothing) when the response was not in status `from`.
 */
function changeStatus(
  db: Db,
  responseId: string,
  from: ResponseStatus,
  change: ResponseUpdate,
  event: { kind: SubmissionEventKind; actorId: string | null; reason: string | null },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const timestamp = now();
    const result = await trx
      .updateTable("responses")
      .set({ ...change, updated_at: timestamp })
      .where("id", "=", responseId)
      .where("status", "=", from)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await trx
      .insertInto("submission_events")
      .values({ response_id: responseId, kind: event.kind, at: timestamp, actor_id: event.actorId, reason: event.reason })
      .execute();
    return true;
  });
}

/**
 * Opens a submitted response again for its respondent, recording who did it and why; the earlier
 * submissions stay in its history. Returns false when it was not submitted.
 */
export async function reopenResponse(db: Db, responseId: string, by: { actorId: string; reason: string }): Promise<boolean> {
  const change = { status: "draft", submitted_at: null } as const;
  return changeStatus(db, responseId, "submitted", change, { kind: "reopened", ...by });
}

/** A response's submissions and reopenings, oldest first, with the name of whoever reopened it. */
export async function submissionHistory(db: Db, responseId: string) {
  return db
    .selectFrom("submission_events")
    .leftJoin("users", "users.id", "submission_events.actor_id")
    .select(["submission_events.kind", "submission_events.at", "submission_events.reason", "users.name as actor"])
    .where("submission_events.response_id", "=", responseId)
    .orderBy("submission_events.id")
    .execute();
}

/** Locks a draft: the respondent can no longer change it. Returns false when it was not a draft. */
export async function submitResponse(db: Db, responseId: string): Promise<boolean> {
  const change = { status: "submitted", submitted_at: now(), current_section: null } as const;
  return changeStatus(db, responseId, "draft", change, { kind: "submitted", actorId: null, reason: null });
}
