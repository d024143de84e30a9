import crypto from "node:crypto";
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterStoreAbstract,
} from "rate-limiter-flexible";
import { driverOf } from "../../db/driver";
import type { Database } from "../../db/schema";
import { isBusy } from "../../db/sqlite-dialect";

const RETRY_AFTER = "Retry-After";
/** The table every limit counts in (db/migrations/2026_12_01_161500_rate_limits_and_job_leases.ts). */
const TABLE = "rate_limits";

export interface Verdict {
  allowed: boolean;
  /** 0 when allowed; otherwise the seconds until the window ends. */
  retryAfterSeconds: number;
}

/**
 * A fixed window per key, counted in the database through rate-limiter-flexible, so every app process
 * shares one count (docs/decisions/027). Guards resume codes, logins and saves against guessing and floods.
 */
export interface RateLimiter {
  /** Counts one attempt; says whether it is allowed and, if not, in how many seconds it will be. */
  hit(key: string): Promise<Verdict>;
  reset(key: string): Promise<void>;
}

/** The library's store for the handle's engine, on the table the migration made. */
function storeFor(db: Kysely<Database>, name: string, limit: number, windowMs: number): RateLimiterStoreAbstract {
  const driver = driverOf(db);
  // Rows expired an hour ago are swept with the daily jobs' timer (app/utils/db.server.ts), not by each limiter's own.
  const common = {
    keyPrefix: name,
    points: limit,
    duration: windowMs / 1000,
    tableName: TABLE,
    tableCreated: true,
    clearExpiredByTimeout: false,
  };
  return driver.engine === "sqlite"
    ? new RateLimiterSQLite({ ...common, storeClient: driver.database, storeType: "better-sqlite3" })
    : new RateLimiterPostgres({ ...common, storeClient: driver.pool, storeType: "pool" });
}

/** Addresses, e-mails and user ids are personal: the table holds a digest of each key, never the key. */
const digest = (key: string) => crypto.createHash("sha256").update(key).digest("base64url");

/**
 * Runs one call of the store. On SQLite it holds Kysely's single connection meanwhile, so the count
 * never lands inside another request's open transaction.
 */
function onStore<T>(db: Kysely<Database>, call: () => Promise<T>): Promise<T> {
  return driverOf(db).engine === "sqlite" ? db.connection().execute(call) : call();
}

/** The library resolves when the attempt is allowed and rejects with its result when the points are used up. */
async function verdictOf(consumed: Promise<unknown>): Promise<Verdict> {
  try {
    await consumed;
    return { allowed: true, retryAfterSeconds: 0 };
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
  }
}

/** `name` tells the limits apart in the shared table: one name per limit. */
export function createRateLimiter(
  db: Kysely<Database>,
  { name, limit, windowMs }: { name: string; limit: number; windowMs: number },
): RateLimiter {
  // Made at the first attempt: a module that declares a limit does not need the database open yet.
  let store: RateLimiterStoreAbstract | undefined;
  const shared = () => (store ??= storeFor(db, name, limit, windowMs));
  // While another process holds SQLite's write lock, attempts are counted in this process alone; the
  // request goes on to meet the lock where it writes, and answers there (a section save keeps its entries).
  let memory: RateLimiterMemory | undefined;
  const local = () => (memory ??= new RateLimiterMemory({ keyPrefix: name, points: limit, duration: windowMs / 1000 }));
  return {
    async hit(key) {
      const digested = digest(key);
      try {
        return await verdictOf(onStore(db, () => shared().consume(digested)));
      } catch (error) {
        if (!isBusy(error)) throw error;
        return verdictOf(local().consume(digested));
      }
    },
    async reset(key) {
      const digested = digest(key);
      await local().delete(digested);
      try {
        await onStore(db, () => shared().delete(digested));
      } catch (error) {
        // A reset only forgives: when the database is locked it can wait for the window's end.
        if (!isBusy(error)) throw error;
      }
    },
  };
}

/** The answer to a refused attempt: a 429 that says when to come back. Every limit in the app answers through here. */
export function tooManyRequests<Data>(data: Data, verdict: { retryAfterSeconds: number }) {
  return json(data, { status: 429, headers: { [RETRY_AFTER]: String(verdict.retryAfterSeconds) } });
}
