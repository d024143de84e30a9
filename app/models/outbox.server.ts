import crypto from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, OutboxTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

const ROWS_PER_INSERT = 1000;

export interface MessageToQueue {
  invitationId: string | null;
  /** The response the message is about, when it is about one: erasing the response deletes the message. */
  responseId?: string | null;
  kind: OutboxTable["kind"];
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
}

function outboxRow(m: MessageToQueue, messageId: string, at: string) {
  return {
    id: crypto.randomUUID(),
    invitation_id: m.invitationId,
    response_id: m.responseId ?? null,
    kind: m.kind,
    to_address: m.to,
    reply_to: m.replyTo,
    subject: m.subject,
    text_body: m.text,
    html_body: m.html,
    message_id: messageId,
    status: "queued" as const,
    attempts: 0,
    next_attempt_at: at,
    created_at: at,
  };
}

/** Queues messages; each gets its Message-ID now, so a receiver can tell a copy from a new message. */
export async function queueMessages(db: Db, messages: MessageToQueue[], domain: string, now = new Date()) {
  if (!messages.length) return;
  const at = now.toISOString();
  const rows = messages.map((m) => outboxRow(m, `<${crypto.randomUUID()}@${domain}>`, at));
  // SQLite's limit on bound values a statement: many statements (the caller holds a transaction).
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
    await db
      .insertInto("outbox")
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .execute();
}

/** The Message-ID of a response's receipt: one per response, so the outbox holds it once at most. */
export const receiptMessageId = (responseId: string, domain: string) => `<receipt.${responseId}@${domain}>`;

/** Deletes the receipts of some responses (they copy their answers), sent or not. */
export async function deleteReceiptsOf(db: Db, responseIds: string[]) {
  for (const id of responseIds)
    await db.deleteFrom("outbox").where("kind", "=", "receipt").where("message_id", "like", `<receipt.${id}@%`).execute();
}

/**
 * Queues a message that must go out once at most, whatever the number of requests: its Message-ID is
 * chosen by the caller and unique in the outbox. False when it was queued before.
 */
export async function queueMessageOnce(db: Db, message: MessageToQueue, messageId: string, now = new Date()) {
  const result = await db
    .insertInto("outbox")
    .values(outboxRow(message, messageId, now.toISOString()))
    .onConflict((oc) => oc.column("message_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Takes the next due message for sending, in one statement so two loops can never take the same row.
 * The claim counts as an attempt: a crash after it is never followed by a silent second send.
 */
export async function claimNextMessage(db: Db, now = new Date()) {
  const at = now.toISOString();
  return db
    .updateTable("outbox")
    .set({ status: "sending", claimed_at: at, attempts: sql`attempts + 1` })
    .where(
      "id",
      "=",
      db
        .selectFrom("outbox")
        .select("id")
        .where("status", "=", "queued")
        .where("next_attempt_at", "<=", at)
        .orderBy("next_attempt_at")
        .limit(1),
    )
    .where("status", "=", "queued")
    .returningAll()
    .executeTakeFirst();
}

export async function markSent(db: Db, id: string, now = new Date()) {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("outbox")
      .set({ status: "sent", sent_at: at })
      .where("id", "=", id)
      .returning(["invitation_id", "kind"])
      .executeTakeFirst();
    if (!row?.invitation_id) return;
    await trx
      .updateTable("invitations")
      .set(row.kind === "invitation" ? { invited_at: at } : { reminded_at: at })
      .where("id", "=", row.invitation_id)
      .execute();
  });
}

/** A refusal: tried again after `retryAt`, or failed for good when `retryAt` is null. */
export async function markRefused(db: Db, id: string, reason: string, retryAt: Date | null) {
  await db
    .updateTable("outbox")
    .set(
      retryAt
        ? { status: "queued", last_error: reason, next_attempt_at: retryAt.toISOString(), claimed_at: null }
        : { status: "failed", last_error: reason },
    )
    .where("id", "=", id)
    .execute();
}

/** Messages left in sending by a process that is gone: the server may have taken them, so they are not resent by themselves. */
export async function markStaleClaimsUnknown(db: Db, claimedBefore: Date) {
  const result = await db
    .updateTable("outbox")
    .set({ status: "unknown" })
    .where("status", "=", "sending")
    .where("claimed_at", "<", claimedBefore.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** An organiser asks for a failed or unknown message to go out again. */
export async function requeueMessage(db: Db, id: string, now = new Date()) {
  const result = await db
    .updateTable("outbox")
    .set({ status: "queued", next_attempt_at: now.toISOString(), claimed_at: null })
    .where("id", "=", id)
    .where("status", "in", ["failed", "unknown"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listOutbox(db: Db, { limit = 200 } = {}) {
  return db
    .selectFrom("outbox")
    .select([
      "id",
      "invitation_id",
      "kind",
      "to_address",
      "subject",
      "status",
      "attempts",
      "last_error",
      "next_attempt_at",
      "created_at",
      "sent_at",
    ])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function findOutboxMessage(db: Db, id: string) {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
