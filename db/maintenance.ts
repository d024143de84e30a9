import { sql, type Kysely } from "kysely";
import { engineOf } from "./driver";
import type { Database } from "./schema";

/**
 * Whether the app itself can rid the database's files of deleted rows: SQLite's file and log, yes;
 * a PostgreSQL server's write-ahead log, free space and backups follow the server's own retention.
 */
export const erasedCopiesInAppControl = (db: Kysely<Database>) => engineOf(db) === "sqlite";

/**
 * Copies the write-ahead log into the database file and truncates the log to nothing, so page
 * images from before a deletion no longer sit on disk (secure_delete has zeroed them in the file).
 * False when another connection's open read (a backup, an export) kept it from finishing: the
 * log then still holds them.
 */
export async function truncateWriteAheadLog(db: Kysely<Database>): Promise<boolean> {
  // Nothing the app can do on PostgreSQL (above): done, so no retries are scheduled.
  if (!erasedCopiesInAppControl(db)) return true;
  const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return rows[0]?.busy === 0;
}
