import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { hashSecret } from "./response.server";

type Db = Kysely<Database>;

/** Stores a new secret awaiting its first code; a secret already in force is left alone. */
export async function startEnrolment(db: Db, userId: string, secret: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ totp_secret: secret })
    .where("id", "=", userId)
    .where("totp_enabled_at", "is", null)
    .execute();
}

/** Puts the pending secret in force and replaces the recovery codes; returns false when nothing was pending. */
export async function confirmEnrolment(db: Db, userId: string, recoveryCodes: string[]): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("users")
      .set({ totp_enabled_at: new Date().toISOString() })
      .where("id", "=", userId)
      .where("totp_enabled_at", "is", null)
      .where("totp_secret", "is not", null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(
        recoveryCodes.map((code) => ({ user_id: userId, code_hash: hashSecret(normalizeRecoveryCode(code)), used_at: null })),
      )
      .execute();
    return true;
  });
}

/** Ten codes of eight letters and digits, grouped as `abcd-efgh` to be copied by hand. */
export function generateRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: 10 }, () => {
    const chars = Array.from(crypto.randomBytes(8), (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}

const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Spends one recovery code; false when it is unknown or was used before. */
export async function spendRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const result = await db
    .updateTable("recovery_codes")
    .set({ used_at: new Date().toISOString() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashSecret(normalizeRecoveryCode(code)))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
