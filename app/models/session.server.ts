import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;

export async function insertSession(
  db: Db,
  input: { idHash: string; userId: string; expiresAt: string; secondFactorPending: boolean },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("sessions")
    .values({
      id_hash: input.idHash,
      user_id: input.userId,
      created_at: now,
      expires_at: input.expiresAt,
      last_seen_at: now,
      second_factor_pending: input.secondFactorPending ? 1 : 0,
    })
    .execute();
}

/** The live session and its active user, if any. */
export async function findSessionUser(db: Db, idHash: string, now: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id_hash",
      "sessions.last_seen_at",
      "sessions.second_factor_pending",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.totp_enabled_at",
      "users.lead_coder",
      "users.editor",
    ])
    .where("sessions.id_hash", "=", idHash)
    .where("sessions.expires_at", ">", now)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, now: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

/** Signs a user out everywhere (role change, disabling, password reset). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Signs a user out everywhere but in the session that asked (their own password change). */
export async function deleteOtherSessionsOfUser(db: Db, userId: string, keepIdHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).where("id_hash", "!=", keepIdHash).execute();
}
