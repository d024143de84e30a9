import { sql, type Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Theme labels move from one column per language (label_en, label_es, an English description) to a
// table keyed by language, so any language folder can label them. Codings learn whether the coder
// decided the answer (themes or "no theme applies") or only wrote a note: only decisions count.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("theme_labels")
    .addColumn("theme_id", "text", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("theme_labels_pk", ["theme_id", "language"])
    .execute();
  await sql`insert into theme_labels (theme_id, language, label, description)
            select id, 'en', label_en, description from themes`.execute(db);
  await sql`insert into theme_labels (theme_id, language, label, description)
            select id, 'es', label_es, '' from themes`.execute(db);
  for (const column of ["label_en", "label_es", "description"]) await db.schema.alterTable("themes").dropColumn(column).execute();

  // Rows saved before: the old screen could not tell a decision from an untouched answer, so they stay coded.
  await db.schema
    .alterTable("codings")
    .addColumn("coded", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("codings").dropColumn("coded").execute();
  await db.schema
    .alterTable("themes")
    .addColumn("label_en", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("themes")
    .addColumn("label_es", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("themes")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await sql`update themes set
              label_en = coalesce((select label from theme_labels where theme_id = themes.id and language = 'en'), code),
              label_es = coalesce((select label from theme_labels where theme_id = themes.id and language = 'es'), code),
              description = coalesce((select description from theme_labels where theme_id = themes.id and language = 'en'), '')`.execute(
    db,
  );
  await db.schema.dropTable("theme_labels").execute();
}
