import { sql, type Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// A consultation (one REGM round) becomes a record of its own: a questionnaire version, a name, an M49
// region whose countries it asks, the languages it offers, its days, and its own invitations and responses.
// It was one row of dates per questionnaire: each questionnaire that has data keeps a consultation whose id
// is the questionnaire's id, so its open link (/q/<id>) and its invitations' links keep working.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consultations").renameTo("consultation_dates_before_records").execute();
  await db.schema
    .createTable("consultations")
    // Short and stable: it names the open link (/q/<id>) and the dataset's consultation column.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    .addColumn("questionnaire_version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    // An M49 area code (region, sub-region or intermediate region); null: countries anywhere.
    .addColumn("region", "text")
    // JSON array of language codes offered; null: every language the app serves.
    .addColumn("languages", "text")
    .addColumn("opens_on", "text")
    .addColumn("closes_on", "text")
    // Set when an organiser closes the consultation: no more answers, whatever the days say.
    .addColumn("closed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("consultations_questionnaire").on("consultations").column("questionnaire_id").execute();

  const now = new Date().toISOString();
  await sql`insert into consultations (id, questionnaire_id, questionnaire_version, name, opens_on, closes_on, created_at, updated_at, updated_by)
            select q.questionnaire_id, q.questionnaire_id,
                   coalesce((select max(r.questionnaire_version) from responses r where r.questionnaire_id = q.questionnaire_id), 1),
                   q.questionnaire_id, d.opens_on, d.closes_on, ${now}, coalesce(d.updated_at, ${now}), d.updated_by
            from (select questionnaire_id from responses
                  union select questionnaire_id from invitations
                  union select questionnaire_id from consultation_dates_before_records) q
            left join consultation_dates_before_records d on d.questionnaire_id = q.questionnaire_id`.execute(db);
  await db.schema.dropTable("consultation_dates_before_records").execute();

  for (const table of ["responses", "invitations"]) {
    await db.schema
      .alterTable(table)
      .addColumn("consultation_id", "text", (c) => c.references("consultations.id"))
      .execute();
    await sql`update ${sql.table(table)} set consultation_id = questionnaire_id`.execute(db);
    await db.schema.createIndex(`${table}_consultation`).on(table).column("consultation_id").execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["responses", "invitations"]) {
    await db.schema.dropIndex(`${table}_consultation`).execute();
    await db.schema.alterTable(table).dropColumn("consultation_id").execute();
  }
  await db.schema.dropTable("consultations").execute();
  await db.schema
    .createTable("consultations")
    .addColumn("questionnaire_id", "text", (c) => c.primaryKey())
    .addColumn("opens_on", "text")
    .addColumn("closes_on", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
}
