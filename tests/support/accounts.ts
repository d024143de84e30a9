import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Role } from "../../db/schema";
import { hashPassword, type ScryptParams } from "../../app/auth/password.server";
import { createUser } from "../../app/models/user.server";

/**
 * Creates an account straight in the database, as `npm run user:create` does. `hashParams` stores the
 * password as an older release would have (or cheaply, for tests that make many wrong guesses).
 */
export async function createAccount(databasePath: string, email: string, role: Role, password = "correct horse battery", hashParams?: ScryptParams) {
  const db = openDatabase(databasePath);
  try {
    await migrateToLatest(db);
    return await createUser(db, { email, name: email.split("@")[0]!, role, passwordHash: await hashPassword(password, hashParams) });
  } finally {
    await db.destroy();
  }
}
