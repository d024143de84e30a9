import type SQLite from "better-sqlite3";
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from "kysely";

/**
 * How long SQLite itself waits for another process's lock, in one go. better-sqlite3 waits
 * synchronously, so this is also how long the whole server can stand still: keep it short and
 * wait longer between attempts instead, when other requests can run.
 */
export const BUSY_TIMEOUT_MS = 50;
/** The pauses between attempts: with the attempts themselves, about one second in all. */
const RETRY_PAUSES_MS = [50, 100, 200, 300];

/** The database stayed locked by another writer for longer than a request should wait. */
export class DatabaseBusyError extends Error {
  constructor(cause: unknown) {
    super("The database is locked by another writer", { cause });
    this.name = "DatabaseBusyError";
  }
}

export interface BusyAwareConfig {
  database: SQLite.Database;
  /** What to throw when the database stays busy; a DatabaseBusyError unless told otherwise. */
  busyError?: (error: DatabaseBusyError) => unknown;
}

/** Whether SQLite refused because another connection holds the lock. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** How many prepared statements a connection keeps (see BusyAwareConnection.prepared). */
const STATEMENTS_KEPT = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Kysely's one-connection lock, with the addition that its holder can hand it over while it waits. */
class ConnectionLock {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;
  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
  }
  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

class BusyAwareConnection implements DatabaseConnection {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly lock: ConnectionLock,
    private readonly busyError: (error: DatabaseBusyError) => unknown,
  ) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction a failed statement cannot simply run again; write transactions hold
    // the write lock from their BEGIN, so only a statement on its own is retried.
    if (this.sqlite.inTransaction) return this.once(() => this.run<R>(compiledQuery));
    return this.retrying(() => this.run<R>(compiledQuery));
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error("Only select queries can be streamed");
    const rows = await this.once(() => this.sqlite.prepare(compiledQuery.sql).iterate(compiledQuery.parameters as unknown[]));
    for (const row of rows) yield { rows: [row as R] };
  }

  /**
   * Runs a statement that may meet another process's lock, trying again a few times. Between
   * attempts the connection is handed to other requests: reads go on while a write waits.
   */
  async retrying<T>(attempt: () => T): Promise<T> {
    for (const pause of RETRY_PAUSES_MS) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
      this.lock.unlock();
      await sleep(pause);
      await this.lock.lock();
    }
    return this.once(attempt);
  }

  private async once<T>(attempt: () => T): Promise<T> {
    try {
      return attempt();
    } catch (error) {
      throw isBusy(error) ? this.busyError(new DatabaseBusyError(error)) : error;
    }
  }

  /**
   * Prepared statements by their SQL: preparing costs more than running most of the app's queries,
   * and the same few statements serve every request. Bounded, since `in (?, ?…)` lists vary in length.
   */
  readonly #statements = new Map<string, SQLite.Statement>();

  private prepared(sql: string): SQLite.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      if (this.#statements.size >= STATEMENTS_KEPT) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  private run<R>({ sql, parameters }: CompiledQuery): QueryResult<R> {
    const statement = this.prepared(sql);
    if (statement.reader) return { rows: statement.all(parameters as unknown[]) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters as unknown[]);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }
}

/**
 * Kysely's SQLite driver, with two changes:
 * - a write transaction starts with BEGIN IMMEDIATE, so it takes the write lock before it reads
 *   and never fails half-way when a deferred BEGIN would upgrade to a write;
 * - a locked database is waited for in short synchronous steps and asynchronous pauses, then
 *   reported as a DatabaseBusyError, instead of freezing the process for seconds.
 */
class BusyAwareDriver implements Driver {
  readonly #lock = new ConnectionLock();
  readonly #connection: BusyAwareConnection;

  constructor(private readonly config: BusyAwareConfig) {
    this.#connection = new BusyAwareConnection(config.database, this.#lock, config.busyError ?? ((error) => error));
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.lock();
    return this.#connection;
  }

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const begin = settings.accessMode === "read only" ? "begin" : "begin immediate";
    await this.#connection.retrying(() => this.config.database.exec(begin));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(): Promise<void> {
    this.#lock.unlock();
  }

  async destroy(): Promise<void> {
    this.config.database.close();
  }
}

export class BusyAwareSqliteDialect extends SqliteDialect {
  constructor(private readonly busyAwareConfig: BusyAwareConfig) {
    super({ database: busyAwareConfig.database });
  }

  override createDriver(): Driver {
    return new BusyAwareDriver(this.busyAwareConfig);
  }
}
