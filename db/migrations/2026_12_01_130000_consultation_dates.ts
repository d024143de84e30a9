import { sql, type Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// A consultation runs between an opening and a closing day (both optional, UTC). Reopening a submitted
// response no longer wipes its history: each submission and reopening is an event of its own.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("consultations")
    .addColumn("questionnaire_id", "text", (c) => c.primaryKey())
    .addColumn("opens_on", "text")
    .addColumn("closes_on", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createTable("submission_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text")
    .execute();
  await db.schema.createIndex("submission_events_response").on("submission_events").column("response_id").execute();
  // Responses submitted before: their one submission starts their history.
  await sql`insert into submission_events (response_id, kind, at)
            select id, 'submitted', submitted_at from responses where status = 'submitted' and submitted_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("submission_events").execute();
  await db.schema.dropTable("consultations").execute();
}
