import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, Migrator, SqliteDialect, type MigrationResultSet } from "kysely";
import pg from "pg";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";
import { BUSY_TIMEOUT_MS, BusyAwareSqliteDialect, DatabaseBusyError, type BusyAwareConfig } from "./sqlite-dialect";
import { registerDriver } from "./driver";
import { isPostgresUrl, numericTypes, PortablePostgresDialect } from "./postgres-dialect";

export const DEFAULT_DATABASE_PATH = "./data/consulta.db";

/** Where the command-line scripts find the data, as the app does (env.database): DATABASE_URL, else DATABASE_PATH. */
export const scriptDatabase = () => process.env.DATABASE_URL || process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;

/**
 * Opens the database at `location`: a postgres:// URL, or else a SQLite file (created with its folder
 * when missing), with the settings the app relies on. Engine-specific SQL stays in this folder so the
 * queries elsewhere run on both engines.
 */
export function openDatabase(
  location: string = DEFAULT_DATABASE_PATH,
  options: Pick<BusyAwareConfig, "busyError"> = {},
): Kysely<Database> {
  return isPostgresUrl(location) ? openPostgres(location, options) : openSqlite(location, options);
}

function openPostgres(url: string, { busyError = (error) => error }: Pick<BusyAwareConfig, "busyError">): Kysely<Database> {
  // Idle connections do not keep a script or a test file running once its work is done.
  const pool = new pg.Pool({ connectionString: url, types: numericTypes, allowExitOnIdle: true });
  // An idle connection the server dropped (a restart, a failover) is an event, not a crash of the app.
  pool.on("error", (error) => console.warn("A PostgreSQL connection was lost:", error.message));
  const db = new Kysely<Database>({
    dialect: new PortablePostgresDialect({ pool, busyError: (cause) => busyError(new DatabaseBusyError(cause)) }),
  });
  registerDriver(db, { engine: "postgres", pool });
  return db;
}

function openSqlite(file: string, options: Pick<BusyAwareConfig, "busyError">): Kysely<Database> {
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
  const db = new Kysely<Database>({ dialect: new BusyAwareSqliteDialect({ database: sqlite, ...options }) });
  registerDriver(db, { engine: "sqlite", database: sqlite });
  return db;
}

/**
 * A read-only handle on an existing database that reads one snapshot until it is closed: every query
 * of a long export sees the same responses, whatever is saved meanwhile, and writers are not blocked.
 * Not for use with Kysely transactions.
 */
export function openSnapshot(location: string): Kysely<Database> {
  return isPostgresUrl(location) ? openPostgresSnapshot(location) : openSqliteSnapshot(location);
}

/**
 * One connection that stays in one REPEATABLE READ READ ONLY transaction: PostgreSQL keeps its snapshot
 * (from the first read) for every later query and `.stream()` cursor on it, as SQLite's WAL does below.
 */
function openPostgresSnapshot(url: string): Kysely<Database> {
  // Never closed while idle: a new connection would read a newer snapshot.
  const pool = new pg.Pool({ connectionString: url, types: numericTypes, max: 1, idleTimeoutMillis: 0 });
  const begin = CompiledQuery.raw("start transaction isolation level repeatable read read only");
  return new Kysely<Database>({
    dialect: new PortablePostgresDialect({
      pool,
      onCreateConnection: (connection) => connection.executeQuery(begin).then(() => {}),
    }),
  });
}

/** WAL keeps the snapshot of the reader's first read until it ends. */
function openSqliteSnapshot(file: string): Kysely<Database> {
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
