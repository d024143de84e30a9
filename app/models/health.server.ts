import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Reads (at most) one row of the app's main table and returns nothing of it: the file opens, its
 * schema is there and a read gets through. Throws when any of these fails.
 */
export async function readFromDatabase(db: Kysely<Database>): Promise<void> {
  await db.selectFrom("responses").select("id").limit(1).execute();
}
