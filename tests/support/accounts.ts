import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Role } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";
import { createUser } from "../../app/models/user.server";

/** Creates an account straight in the database, as `npm run user:create` does. */
export async function createAccount(databasePath: string, email: string, role: Role, password = "correct horse battery") {
  const db = openDatabase(databasePath);
  try {
    await migrateToLatest(db);
    return await createUser(db, { email, name: email.split("@")[0]!, role, passwordHash: await hashPassword(password) });
  } finally {
    await db.destroy();
  }
}
