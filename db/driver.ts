import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import type pg from "pg";

/**
 * The raw connection behind a Kysely handle, for the few libraries that speak to the driver
 * themselves (rate-limiter-flexible's stores). Everything else goes through Kysely.
 */
export type DatabaseDriver = { engine: "sqlite"; database: BetterSqlite3.Database } | { engine: "postgres"; pool: pg.Pool };

// Keyed by the handle itself: a handle that is dropped takes its entry with it. Any schema: the
// driver does not depend on it (migrations and tests hold Kysely<any> handles too).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const drivers = new WeakMap<Kysely<any>, DatabaseDriver>();

/** Records the driver of a handle just opened (db/connection.ts); returns the handle. */
export function withDriver<DB>(db: Kysely<DB>, driver: DatabaseDriver): Kysely<DB> {
  drivers.set(db, driver);
  return db;
}

/** The driver of a handle opened by openDatabase (not of a transaction or a snapshot). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function driverOf(db: Kysely<any>): DatabaseDriver {
  const driver = drivers.get(db);
  if (!driver) throw new Error("This database handle was not opened by openDatabase: its driver is unknown");
  return driver;
}
