import path from "node:path";
import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Database } from "../../db/schema";
import { tempDir } from "../../tests/support/test-env";
import { deleteExpiredRateLimits } from "~/models/rate-limits.server";
import { createRateLimiter } from "./rate-limit.server";

const opened: Kysely<Database>[] = [];
async function open(file: string) {
  const db = openDatabase(file);
  opened.push(db);
  await migrateToLatest(db);
  return db;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

describe("createRateLimiter", () => {
  it("allows up to the limit per window and per key, then says when to retry", async () => {
    const db = await open(":memory:");
    const limiter = createRateLimiter(db, { name: "test", limit: 2, windowMs: 60_000 });
    expect((await limiter.hit("a")).allowed).toBe(true);
    expect((await limiter.hit("a")).allowed).toBe(true);
    const refused = await limiter.hit("a");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await limiter.hit("b")).allowed).toBe(true);
    await limiter.reset("a");
    expect((await limiter.hit("a")).allowed).toBe(true);
  });

  it("counts once for every process on the same database, and limits apart by name", async () => {
    const file = path.join(tempDir(), "limits.db");
    // Two handles on one file, as two server processes have.
    const [first, second] = [await open(file), await open(file)];
    const here = createRateLimiter(first, { name: "login", limit: 3, windowMs: 60_000 });
    const there = createRateLimiter(second, { name: "login", limit: 3, windowMs: 60_000 });
    const other = createRateLimiter(second, { name: "other", limit: 3, windowMs: 60_000 });
    expect((await here.hit("k")).allowed).toBe(true);
    expect((await there.hit("k")).allowed).toBe(true);
    expect((await here.hit("k")).allowed).toBe(true);
    expect((await there.hit("k")).allowed).toBe(false);
    expect((await other.hit("k")).allowed).toBe(true);
  });

  it("stores a digest of each key, never the address or e-mail, and sweeps ended windows", async () => {
    const db = await open(":memory:");
    const limiter = createRateLimiter(db, { name: "login", limit: 1, windowMs: 1_000 });
    await limiter.hit("someone@example.org");
    const rows = await db.selectFrom("rate_limits").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toMatch(/^login:[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(rows)).not.toContain("example.org");
    expect(await deleteExpiredRateLimits(db, new Date())).toBe(0);
    expect(await deleteExpiredRateLimits(db, new Date(Date.now() + 2_000))).toBe(1);
  });

  it("counts outside a transaction that another request holds open on the same handle", async () => {
    const db = await open(":memory:");
    const limiter = createRateLimiter(db, { name: "test", limit: 5, windowMs: 60_000 });
    let counted = false;
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto("job_leases").values({ name: "x", holder: "h", held_until: "z" }).execute();
        const hit = limiter.hit("a").then(() => (counted = true));
        await new Promise((resolve) => setTimeout(resolve, 20));
        // Waits for the connection: it is not part of this transaction, which now rolls back.
        expect(counted).toBe(false);
        void hit;
        throw new Error("rolled back");
      })
      .catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counted).toBe(true);
    expect(await db.selectFrom("rate_limits").select("points").execute()).toEqual([{ points: 1 }]);
  });
});
