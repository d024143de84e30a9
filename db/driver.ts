import type BetterSqlite3 from "better-sqlite3";
import { PostgresAdapter, type Kysely } from "kysely";
import type pg from "pg";

/** The raw driver under a Kysely handle, for libraries that bring their own SQL (a rate limiter's store). */
export type DatabaseDriver = { engine: "sqlite"; database: BetterSqlite3.Database } | { engine: "postgres"; pool: pg.Pool };
export type Engine = DatabaseDriver["engine"];

const drivers = new WeakMap<object, DatabaseDriver>();

/** Called by openDatabase for each handle it opens. */
export function registerDriver<DB>(db: Kysely<DB>, driver: DatabaseDriver): void {
  drivers.set(db, driver);
}

/** The driver of a handle opened by openDatabase (db/connection.ts). */
export function driverOf<DB>(db: Kysely<DB>): DatabaseDriver {
  const driver = drivers.get(db);
  if (!driver) throw new Error("This database handle was not opened by openDatabase");
  return driver;
}

/**
 * The engine behind any handle, a transaction's included (migrations run in one on PostgreSQL, where
 * DDL is transactional): read from the dialect's adapter rather than the registry.
 */
export function engineOf<DB>(db: Kysely<DB>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Records the driver of a handle just opened, and returns the handle. */
export function withDriver<DB>(db: Kysely<DB>, driver: DatabaseDriver): Kysely<DB> {
  registerDriver(db, driver);
  return db;
}
