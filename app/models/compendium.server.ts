import crypto from "node:crypto";
import { inScope, type ConsultationScope } from "./consultation-scope.server";
import type { Kysely, Transaction } from "kysely";
import type { CompendiumDecision, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

const now = () => new Date().toISOString();

/** A described example: item `index` of a response's repeatable group. */
export interface SourceRef {
  responseId: string;
  index: number;
}

/** The stored answers of the given questions for every submitted response in scope. */
export async function submittedAnswers(db: Db, scope: ConsultationScope, variables: readonly string[]) {
  if (variables.length === 0) return [];
  return db
    .selectFrom("responses")
    .innerJoin("answers", "answers.response_id", "responses.id")
    .leftJoin("invitations", "invitations.id", "responses.invitation_id")
    .select([
      "responses.id as response_id",
      "responses.language",
      "responses.submitted_at",
      "invitations.name as invitee_name",
      "invitations.email as invitee_email",
      "invitations.organisation as invitee_organisation",
      "answers.variable",
      "answers.state",
      "answers.value",
      "answers.other_text",
    ])
    .where(inScope("responses", scope))
    .where("responses.status", "=", "submitted")
    .where("answers.variable", "in", [...variables])
    .orderBy("responses.submitted_at")
    .orderBy("responses.id")
    .execute();
}

/** Every entry of a questionnaire with its texts and sources. */
export async function listEntries(db: Db, questionnaireId: string) {
  const entries = await db
    .selectFrom("compendium_entries")
    .selectAll()
    .where("questionnaire_id", "=", questionnaireId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const ids = entries.map((e) => e.id);
  const [texts, sources] = ids.length
    ? await Promise.all([
        db.selectFrom("compendium_texts").selectAll().where("entry_id", "in", ids).execute(),
        db
          .selectFrom("compendium_sources")
          .selectAll()
          .where("entry_id", "in", ids)
          .orderBy("response_id")
          .orderBy("item_index")
          .execute(),
      ])
    : [[], []];
  return entries.map((e) => ({
    ...e,
    practices: JSON.parse(e.practices) as number[],
    texts: Object.fromEntries(
      texts.filter((t) => t.entry_id === e.id).map((t) => [t.language, { title: t.title, summary: t.summary }]),
    ),
    sources: sources
      .filter((s) => s.entry_id === e.id)
      .map((s): SourceRef => ({ responseId: s.response_id, index: s.item_index })),
  }));
}

export type EntryRecord = Awaited<ReturnType<typeof listEntries>>[number];

export async function findEntry(db: Db, questionnaireId: string, id: string): Promise<EntryRecord | undefined> {
  return (await listEntries(db, questionnaireId)).find((e) => e.id === id);
}

/** Runs `work` in the caller's transaction, or in a new one. */
function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/**
 * Gathers examples into one entry: into `intoEntryId`, or into the entry one of them already belongs to,
 * or a new one. Entries emptied by the move are deleted by the database (a trigger), with their texts, tags
 * and notes. Returns the entry's id and whether it is new.
 */
export async function gatherSources(
  db: Db,
  input: { questionnaireId: string; sources: SourceRef[]; actorId: string | null },
): Promise<{ entryId: string; created: boolean }> {
  return inTransaction(db, async (trx) => {
    const current = await Promise.all(
      input.sources.map((s) =>
        trx
          .selectFrom("compendium_sources")
          .select("entry_id")
          .where("response_id", "=", s.responseId)
          .where("item_index", "=", s.index)
          .executeTakeFirst(),
      ),
    );
    const previous = [...new Set(current.flatMap((c) => (c ? [c.entry_id] : [])))];
    const timestamp = now();
    let entryId = previous[0];
    const created = entryId === undefined;
    if (!entryId) {
      entryId = crypto.randomUUID();
      await trx
        .insertInto("compendium_entries")
        .values({
          id: entryId,
          questionnaire_id: input.questionnaireId,
          created_at: timestamp,
          updated_at: timestamp,
          updated_by: input.actorId,
        })
        .execute();
    }
    for (const s of input.sources) {
      await trx
        .insertInto("compendium_sources")
        .values({ entry_id: entryId, response_id: s.responseId, item_index: s.index })
        .onConflict((oc) => oc.columns(["response_id", "item_index"]).doUpdateSet({ entry_id: entryId }))
        .execute();
    }
    await trx
      .updateTable("compendium_entries")
      .set({ updated_at: timestamp, updated_by: input.actorId })
      .where("id", "=", entryId)
      .execute();
    return { entryId, created };
  });
}

/** Takes an example out of its entry, back into the queue; an entry left without examples goes (a trigger sees to it). */
export async function detachSource(db: Db, entryId: string, source: SourceRef): Promise<boolean> {
  const result = await db
    .deleteFrom("compendium_sources")
    .where("entry_id", "=", entryId)
    .where("response_id", "=", source.responseId)
    .where("item_index", "=", source.index)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface EntryEdit {
  decision: CompendiumDecision;
  practices: number[];
  notes: string;
  /** language -> title and summary; a language left out has no text. */
  texts: Record<string, { title: string; summary: string }>;
}

export async function updateEntry(db: Db, entryId: string, edit: EntryEdit, actorId: string | null): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("compendium_entries")
      .set({
        decision: edit.decision,
        practices: JSON.stringify(edit.practices),
        notes: edit.notes,
        updated_at: now(),
        updated_by: actorId,
      })
      .where("id", "=", entryId)
      .execute();
    await trx.deleteFrom("compendium_texts").where("entry_id", "=", entryId).execute();
    const rows = Object.entries(edit.texts).map(([language, text]) => ({ entry_id: entryId, language, ...text }));
    if (rows.length) await trx.insertInto("compendium_texts").values(rows).execute();
  });
}

/** Every citation request of a questionnaire's responses, newest first. */
export async function listCitationRequests(db: Db, questionnaireId: string) {
  return db
    .selectFrom("citation_requests")
    .innerJoin("responses", "responses.id", "citation_requests.response_id")
    .selectAll("citation_requests")
    .where("responses.questionnaire_id", "=", questionnaireId)
    .orderBy("citation_requests.requested_at", "desc")
    .orderBy("citation_requests.id")
    .execute();
}

export type CitationRequestRow = Awaited<ReturnType<typeof listCitationRequests>>[number];

export async function createCitationRequest(
  db: Db,
  input: SourceRef & { tokenHash: string; requestedBy: string | null },
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto("citation_requests")
    .values({
      id,
      response_id: input.responseId,
      item_index: input.index,
      token_hash: input.tokenHash,
      requested_at: now(),
      requested_by: input.requestedBy,
      answer: null,
      answered_at: null,
      wording: null,
    })
    .execute();
  return id;
}

export async function findCitationRequestByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom("citation_requests")
    .innerJoin("responses", "responses.id", "citation_requests.response_id")
    .selectAll("citation_requests")
    .select(["responses.questionnaire_id", "responses.language"])
    .where("citation_requests.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** The respondent's answer, with the moment and the exact wording they were shown. */
export async function answerCitationRequest(db: Db, id: string, answer: "granted" | "refused", wording: string): Promise<void> {
  await db.updateTable("citation_requests").set({ answer, answered_at: now(), wording }).where("id", "=", id).execute();
}

/** Responses whose respondents left the stakeholder directory. */
export async function directoryExits(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("directory_exits").select("response_id").execute();
  return new Set(rows.map((r) => r.response_id));
}

export async function leaveDirectory(db: Db, responseId: string): Promise<boolean> {
  const result = await db
    .insertInto("directory_exits")
    .values({ response_id: responseId, left_at: now() })
    .onConflict((oc) => oc.column("response_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function hasLeftDirectory(db: Db, responseId: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom("directory_exits").select("response_id").where("response_id", "=", responseId).executeTakeFirst(),
  );
}

/** Responses whose respondents were already told they are in the directory. */
export async function directoryNotified(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("directory_notices").select("response_id").execute();
  return new Set(rows.map((r) => r.response_id));
}

export async function markDirectoryNotified(db: Db, responseIds: string[]): Promise<void> {
  if (!responseIds.length) return;
  const at = now();
  await db
    .insertInto("directory_notices")
    .values(responseIds.map((response_id) => ({ response_id, notified_at: at })))
    .onConflict((oc) => oc.column("response_id").doNothing())
    .execute();
}
