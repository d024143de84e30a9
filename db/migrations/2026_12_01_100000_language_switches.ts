import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// A response keeps only its latest language; analysts ask when respondents switched. One row per save
// that changed the language: a handful per response at most. Erased with the response.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("language_switches")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("switched_at", "text", (c) => c.notNull())
    .addColumn("from_language", "text", (c) => c.notNull())
    .addColumn("to_language", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("language_switches_response").on("language_switches").column("response_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("language_switches").execute();
}
