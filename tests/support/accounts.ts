import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Role } from "../../db/schema";
import { hashPassword, type ScryptParams } from "../../app/auth/password.server";
import { createUser } from "../../app/models/user.server";
import { CookieJar, formPost, type loadApp } from "./app";

/**
 * Creates an account straight in the database, as `npm run user:create` does. `hashParams` stores the
 * password as an older release would have (or cheaply, for tests that make many wrong guesses).
 */
export async function createAccount(
  databasePath: string,
  email: string,
  role: Role,
  password = "correct horse battery",
  hashParams?: ScryptParams,
) {
  const db = openDatabase(databasePath);
  try {
    await migrateToLatest(db);
    return await createUser(db, {
      email,
      name: email.split("@")[0]!,
      role,
      passwordHash: await hashPassword(password, hashParams),
    });
  } finally {
    await db.destroy();
  }
}

/** An account made as above, signed in from an address of its own: its browser's cookie jar. */
export async function signedIn(app: Awaited<ReturnType<typeof loadApp>>, email: string, role: Role): Promise<CookieJar> {
  await createAccount(app.databasePath, email, role);
  const jar = new CookieJar();
  jar.take(await app.handle(formPost("/organiser/login", { email, password: "correct horse battery" }), app.nextAddress()));
  return jar;
}
