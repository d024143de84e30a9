import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("themes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("label_es", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("themes_questionnaire_code", ["questionnaire_id", "code"])
    .execute();

  // One coder's reading of one open answer: a note, and the themes ticked (below).
  await db.schema
    .createTable("codings")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("variable", "text", (c) => c.notNull())
    .addColumn("coder_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("codings_pk", ["response_id", "variable", "coder_id"])
    .execute();

  await db.schema
    .createTable("coding_themes")
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("variable", "text", (c) => c.notNull())
    .addColumn("coder_id", "text", (c) => c.notNull())
    .addColumn("theme_id", "text", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("coding_themes_pk", ["response_id", "variable", "coder_id", "theme_id"])
    .addForeignKeyConstraint(
      "coding_themes_coding",
      ["response_id", "variable", "coder_id"],
      "codings",
      ["response_id", "variable", "coder_id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("coding_themes_theme").on("coding_themes").column("theme_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("coding_themes").execute();
  await db.schema.dropTable("codings").execute();
  await db.schema.dropTable("themes").execute();
}
