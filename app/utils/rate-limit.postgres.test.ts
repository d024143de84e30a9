import crypto from "node:crypto";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDriver } from "../../db/driver";
import { up } from "../../db/migrations/2026_12_01_161500_rate_limits_and_job_leases";
import type { Database } from "../../db/schema";
import { takeJobLease } from "~/models/job-lease.server";
import { deleteExpiredRateLimits } from "~/models/rate-limits.server";
import { createRateLimiter } from "./rate-limit.server";

// Runs where a PostgreSQL server is given (CI's second engine): DATABASE_URL=postgres://…
const url = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
// A schema of its own, so the test neither sees nor leaves tables in the suite's database.
const schema = `limits_${crypto.randomBytes(4).toString("hex")}`;
const handles: Array<Kysely<Database>> = [];

/** A handle with its own pool, as each app process has. */
function open() {
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` });
  const db = withDriver(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), { engine: "postgres", pool });
  handles.push(db);
  return db;
}

describe.skipIf(!url)("rate limits and job leases on PostgreSQL", () => {
  beforeAll(async () => {
    const db = open();
    await sql`create schema ${sql.id(schema)}`.execute(db);
    await up(db);
  });
  afterAll(async () => {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(handles[0]!);
    await Promise.all(handles.map((db) => db.destroy()));
  });

  it("lets exactly the limit through when two processes count one key at once", async () => {
    const [first, second] = [open(), open()];
    const limiters = [first, second].map((db) => createRateLimiter(db, { name: "race", limit: 10, windowMs: 60_000 }));
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => limiters[i % 2]!.hit("key")));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
    expect(verdicts.find((v) => !v.allowed)!.retryAfterSeconds).toBeGreaterThan(0);
    await limiters[0]!.reset("key");
    expect((await limiters[1]!.hit("key")).allowed).toBe(true);
    // A long key (an e-mail and an address) is stored as its digest.
    await limiters[0]!.hit(JSON.stringify(["x".repeat(250) + "@example.org", "2001:db8::1"]));
    expect(JSON.stringify(await first.selectFrom("rate_limits").select("key").execute())).not.toContain("example.org");
    expect(await deleteExpiredRateLimits(first, new Date(Date.now() + 120_000))).toBe(2);
  });

  it("gives a job's lease to one of several processes asking at once", async () => {
    const [first, second] = [open(), open()];
    const at = (hours: number) => new Date(Date.UTC(2026, 11, 1, hours));
    const asked = await Promise.all(
      [first, second, first, second].map((db, i) =>
        takeJobLease(db, { name: "purge", holder: `p${i}`, now: at(0), until: at(24) }),
      ),
    );
    expect(asked.filter(Boolean)).toHaveLength(1);
    expect(await takeJobLease(second, { name: "purge", holder: "later", now: at(24), until: at(48) })).toBe(true);
  });
});
