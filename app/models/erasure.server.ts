import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { deleteReceiptsOf } from "./outbox.server";

type Db = Kysely<Database>;

/** Who coded the answers of these responses, and how many each. */
export async function codingsByCoder(db: Db, responseIds: string[]): Promise<Array<{ coder: string; count: number }>> {
  if (responseIds.length === 0) return [];
  const rows = await db
    .selectFrom("codings")
    .innerJoin("users", "users.id", "codings.coder_id")
    .select(["users.name", "users.email", (eb) => eb.fn.countAll<number>().as("n")])
    .where("codings.response_id", "in", responseIds)
    .groupBy(["users.id", "users.name", "users.email"])
    .orderBy("users.email")
    .execute();
  return rows.map((r) => ({ coder: `${r.name} <${r.email}>`, count: Number(r.n) }));
}

/** Whom an erasure is about: one response (found by its resume code) or one invitation (by its email). */
export interface ErasureTarget {
  by: "response" | "invitation";
  id: string;
}

/**
 * Erases a respondent in one transaction: a response with its invitation, or an invitation with
 * its responses. Answers, answer codes and coding go with the responses (foreign keys cascade).
 */
export async function eraseRespondent(db: Db, target: ErasureTarget): Promise<{ responses: number; invitations: number }> {
  return db.transaction().execute(async (trx) => {
    const invitationId =
      target.by === "invitation"
        ? target.id
        : ((await trx.selectFrom("responses").select("invitation_id").where("id", "=", target.id).executeTakeFirst())
            ?.invitation_id ?? null);
    const erased = await trx
      .selectFrom("responses")
      .select("id")
      .where(target.by === "response" ? "id" : "invitation_id", "=", target.id)
      .execute();
    // A receipt e-mail copies the answers: erased with them.
    await deleteReceiptsOf(
      trx,
      erased.map((r) => r.id),
    );
    const responses = await trx
      .deleteFrom("responses")
      .where(target.by === "response" ? "id" : "invitation_id", "=", target.id)
      .executeTakeFirst();
    // The e-mails written to the person carry their name, address and link: erased with the invitation.
    if (invitationId) await trx.deleteFrom("outbox").where("invitation_id", "=", invitationId).execute();
    const invitations = invitationId
      ? await trx.deleteFrom("invitations").where("id", "=", invitationId).executeTakeFirst()
      : undefined;
    return { responses: Number(responses.numDeletedRows), invitations: Number(invitations?.numDeletedRows ?? 0) };
  });
}

/**
 * Deletes drafts not saved since `before` (ISO time); returns how many. Submitted responses stay, and
 * so do reopened ones: a draft that was once submitted is not abandoned, it waits for its respondent.
 */
export async function purgeStaleDrafts(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom("responses")
    .where("status", "=", "draft")
    .where("updated_at", "<", before)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom("submission_events").select("id").whereRef("submission_events.response_id", "=", "responses.id")),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
