import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { AnswerState, Database, ResponseRow } from "../../db/schema";
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

export async function findResponseByToken(db: Db, questionnaireId: string, token: string): Promise<ResponseRow | undefined> {
  return db
    .selectFrom("responses")
    .selectAll()
    .where("resume_token_hash", "=", hashSecret(token))
    .where("questionnaire_id", "=", questionnaireId)
    .executeTakeFirst();
}

export async function findResponseByCode(db: Db, questionnaireId: string, code: string): Promise<ResponseRow | undefined> {
  return db
    .selectFrom("responses")
    .selectAll()
    .where("resume_code_hash", "=", hashSecret(code))
    .where("questionnaire_id", "=", questionnaireId)
    .executeTakeFirst();
}

export interface StoredAnswers {
  values: Answers;
  otherTexts: Readonly<Record<string, string>>;
}

export async function loadAnswers(db: Db, responseId: string): Promise<StoredAnswers> {
  const rows = await db
    .selectFrom("answers")
    .select(["variable", "state", "value", "other_text"])
    .where("response_id", "=", responseId)
    .execute();
  const values: Record<string, AnswerValue> = {};
  const otherTexts: Record<string, string> = {};
  for (const row of rows) {
    if (row.state === "answered" && row.value !== null) values[row.variable] = JSON.parse(row.value) as AnswerValue;
    if (row.other_text !== null) otherTexts[row.variable] = row.other_text;
  }
  return { values, otherTexts };
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
    for (const answer of save.answers) {
      const row = {
        state: answer.state,
        value: answer.state === "answered" ? JSON.stringify(answer.value) : null,
        other_text: answer.state === "answered" ? (answer.otherText ?? null) : null,
        updated_at: timestamp,
      };
      await trx
        .insertInto("answers")
        .values({ response_id: save.responseId, variable: answer.variable, ...row })
        .onConflict((oc) => oc.columns(["response_id", "variable"]).doUpdateSet(row))
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

/** Opens a submitted response again for its respondent. Returns false when it was not submitted. */
export async function reopenResponse(db: Db, responseId: string): Promise<boolean> {
  const result = await db
    .updateTable("responses")
    .set({ status: "draft", submitted_at: null, updated_at: now() })
    .where("id", "=", responseId)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Locks a draft: the respondent can no longer change it. Returns false when it was not a draft. */
export async function submitResponse(db: Db, responseId: string): Promise<boolean> {
  const timestamp = now();
  const result = await db
    .updateTable("responses")
    .set({ status: "submitted", submitted_at: timestamp, updated_at: timestamp, current_section: null })
    .where("id", "=", responseId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
