import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, Role, UserRow } from "../../db/schema";

type Db = Kysely<Database>;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; passwordHash: string },
): Promise<UserRow> {
  return db
    .insertInto("users")
    .values({
      id: crypto.randomUUID(),
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      password_hash: input.passwordHash,
      created_at: new Date().toISOString(),
      disabled_at: null,
      totp_secret: null,
      totp_enabled_at: null,
      lead_coder: 0,
      editor: 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listUsers(db: Db) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "created_at", "disabled_at", "lead_coder", "editor"])
    .orderBy("email")
    .execute();
}

export async function setUserRole(db: Db, id: string, role: Role): Promise<void> {
  await db.updateTable("users").set({ role }).where("id", "=", id).execute();
}

/** A grant on top of the role: "lead_coder" (the codebook's themes) or "editor" (the Compendium). */
export type UserGrant = "lead_coder" | "editor";

export async function setGrant(db: Db, id: string, grant: UserGrant, granted: boolean): Promise<void> {
  await db
    .updateTable("users")
    .set({ [grant]: granted ? 1 : 0 })
    .where("id", "=", id)
    .execute();
}

export async function setUserDisabled(db: Db, id: string, disabled: boolean): Promise<void> {
  await db
    .updateTable("users")
    .set({ disabled_at: disabled ? new Date().toISOString() : null })
    .where("id", "=", id)
    .execute();
}

export async function setUserPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
}

/**
 * Stores a stronger hash of the same password, only if the stored one is still the hash that was verified:
 * a password reset made meanwhile is never undone.
 */
export async function upgradePasswordHash(db: Db, id: string, verifiedHash: string, strongerHash: string): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ password_hash: strongerHash })
    .where("id", "=", id)
    .where("password_hash", "=", verifiedHash)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
