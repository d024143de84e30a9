import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Exports page through responses by id within a questionnaire and status: this index serves
// that order without a sort, and does everything the index it replaces did.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("responses_questionnaire_status_id")
    .on("responses")
    .columns(["questionnaire_id", "status", "id"])
    .execute();
  await db.schema.dropIndex("responses_questionnaire_status").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("responses_questionnaire_status").on("responses").columns(["questionnaire_id", "status"]).execute();
  await db.schema.dropIndex("responses_questionnaire_status_id").execute();
}
