import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { takeJobLease } from "./job-lease.server";

describe("takeJobLease", () => {
  it("lets one holder in until the lease runs out, then the next", async () => {
    const db = openDatabase(":memory:");
    await migrateToLatest(db);
    const at = (hours: number) => new Date(Date.UTC(2026, 11, 1, hours));
    const take = (holder: string, now: number) => takeJobLease(db, { name: "purge", holder, now: at(now), until: at(now + 24) });
    expect(await take("a", 0)).toBe(true);
    expect(await take("b", 0)).toBe(false);
    expect(await take("a", 23)).toBe(false);
    expect(await take("b", 24)).toBe(true);
    expect(await db.selectFrom("job_leases").selectAll().execute()).toEqual([
      { name: "purge", holder: "b", held_until: at(48).toISOString() },
    ]);
    // Another job has a lease of its own.
    expect(await takeJobLease(db, { name: "other", holder: "a", now: at(24), until: at(25) })).toBe(true);
    await db.destroy();
  });
});
