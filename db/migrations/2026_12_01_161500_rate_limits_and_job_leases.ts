import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// What several app processes must share beside sessions and the outbox: the counters of the rate
// limits and the leases of the daily jobs. Portable schema only, so it runs on PostgreSQL too.
export async function up(db: Kysely<any>): Promise<void> {
  // rate-limiter-flexible's own layout, in its column order (its PostgreSQL store inserts without
  // naming columns): a hashed key, the points used, and when the window ends (epoch ms).
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "bigint")
    .execute();
  await db.schema.createIndex("rate_limits_expire").on("rate_limits").column("expire").execute();

  // One row per daily job: the process that ran it last and until when no other may.
  await db.schema
    .createTable("job_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("held_until", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_leases").execute();
  await db.schema.dropTable("rate_limits").execute();
}
