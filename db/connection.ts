import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationResultSet } from "kysely";
import { withDriver } from "./driver";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";
import { BUSY_TIMEOUT_MS, BusyAwareSqliteDialect, type BusyAwareConfig } from "./sqlite-dialect";

export const DEFAULT_DATABASE_PATH = "./data/consulta.db";

/**
 * Opens the SQLite file (creating it and its folder when missing) with the settings
 * the app relies on. SQLite-specific SQL stays in this folder so the queries
 * elsewhere can run on PostgreSQL too.
 */
export function openDatabase(
  file: string = DEFAULT_DATABASE_PATH,
  options: Pick<BusyAwareConfig, "busyError"> = {},
): Kysely<Database> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Short: better-sqlite3 waits synchronously; the dialect retries without blocking (docs/decisions/009).
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // NORMAL is durable across application crashes in WAL mode; see docs/decisions.
  sqlite.pragma("synchronous = NORMAL");
  // Deleted rows are overwritten with zeros, so erased answers do not linger in free space.
  sqlite.pragma("secure_delete = ON");
  return withDriver(new Kysely<Database>({ dialect: new BusyAwareSqliteDialect({ database: sqlite, ...options }) }), {
    engine: "sqlite",
    database: sqlite,
  });
}

/**
 * A read-only handle on an existing database that reads one snapshot until it is closed: every query
 * of a long export sees the same responses, whatever is saved meanwhile (WAL keeps that snapshot for
 * the reader, and writers are not blocked). Not for use with Kysely transactions.
 */
export function openSnapshot(file: string): Kysely<Database> {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  // A deferred transaction: the snapshot is taken by the first read and kept until close.
  sqlite.exec("BEGIN");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`);
  }
  return result;
}
