import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * Copies the write-ahead log into the database file and truncates the log to nothing, so page
 * images from before a deletion no longer sit on disk (secure_delete has zeroed them in the file).
 * False when another connection's open read (a backup, an export) kept it from finishing: the
 * log then still holds them.
 */
export async function truncateWriteAheadLog(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return rows[0]?.busy === 0;
}
