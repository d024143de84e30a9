import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;

/**
 * Erases one response everywhere: its answers, answer codes and coding go with it (foreign keys
 * cascade). Returns whether there was one.
 */
export async function eraseResponse(db: Db, responseId: string): Promise<boolean> {
  const result = await db.deleteFrom("responses").where("id", "=", responseId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Erases an invitation's personal data (name, email, organisation) and its response. */
export async function eraseInvitation(db: Db, invitationId: string): Promise<{ invitation: boolean; responses: number }> {
  return db.transaction().execute(async (trx) => {
    const responses = await trx.deleteFrom("responses").where("invitation_id", "=", invitationId).executeTakeFirst();
    const invitation = await trx.deleteFrom("invitations").where("id", "=", invitationId).executeTakeFirst();
    return { invitation: invitation.numDeletedRows > 0n, responses: Number(responses.numDeletedRows) };
  });
}

/** Deletes drafts not saved since `before` (ISO time); returns how many. Submitted responses stay. */
export async function purgeStaleDrafts(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom("responses").where("status", "=", "draft").where("updated_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
