import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// `responses.revision` was never read or written: two windows are told apart by a fingerprint of the
// section's answers (docs/decisions/008). SQLite drops a column since 3.35 (better-sqlite3 12 bundles 3.51).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").dropColumn("revision").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("responses")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
