import { sql, type Kysely } from "kysely";
import { engineOf } from "../driver";

// Frozen in time: never edit a migration that has shipped; add a new one.
// The Compendium of promising practices: editors curate the examples respondents described (items of a
// repeatable group) into entries; citation permissions are asked by e-mail and recorded; respondents listed
// in the stakeholder directory can leave it. An editor is a grant on any role, like the lead coder.
// Run on PostgreSQL too: only the trigger below is spelt per engine, and SQLite's is as it shipped (docs/decisions/026).
const TRIGGERS = [
  ["compendium_entry_emptied_by_delete", "delete"],
  ["compendium_entry_emptied_by_move", "update of entry_id"],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("editor", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("compendium_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) =>
      c
        .notNull()
        .defaultTo("hold")
        .check(sql`decision in ('include', 'exclude', 'hold')`),
    )
    .addColumn("practices", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createTable("compendium_texts")
    .addColumn("entry_id", "text", (c) => c.notNull().references("compendium_entries.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("compendium_texts_pk", ["entry_id", "language"])
    .execute();
  // An example belongs to one entry at most; erasing its respondent removes it from the entry.
  await db.schema
    .createTable("compendium_sources")
    .addColumn("entry_id", "text", (c) => c.notNull().references("compendium_entries.id").onDelete("cascade"))
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("item_index", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("compendium_sources_pk", ["response_id", "item_index"])
    .execute();
  await db.schema.createIndex("compendium_sources_entry").on("compendium_sources").column("entry_id").execute();
  // An entry whose last example goes (its respondent erased, or the example merged elsewhere) goes too:
  // its wording came from those examples.
  // PostgreSQL's triggers call a function and take no subquery in WHEN: the same rule, spelt its way.
  const postgres = engineOf(db) === "postgres";
  if (postgres)
    await sql`
      create function compendium_entry_emptied() returns trigger language plpgsql as $$
      begin
        if not exists (select 1 from compendium_sources where entry_id = old.entry_id) then
          delete from compendium_entries where id = old.entry_id;
        end if;
        return null;
      end $$`.execute(db);
  for (const [name, event] of TRIGGERS)
    await (
      postgres
        ? sql`create trigger ${sql.raw(name)} after ${sql.raw(event)} on compendium_sources
            for each row execute function compendium_entry_emptied()`
        : sql`
      create trigger ${sql.raw(name)} after ${sql.raw(event)} on compendium_sources
      when not exists (select 1 from compendium_sources where entry_id = old.entry_id)
      begin
        delete from compendium_entries where id = old.entry_id;
      end`
    ).execute(db);
  await db.schema
    .createTable("citation_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("item_index", "integer", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("answer", "text", (c) => c.check(sql`answer in ('granted', 'refused')`))
    .addColumn("answered_at", "text")
    .addColumn("wording", "text")
    .execute();
  await db.schema
    .createIndex("citation_requests_source")
    .on("citation_requests")
    .columns(["response_id", "item_index"])
    .execute();
  // A message about a response (a citation request) goes when the response is erased, like the invitations' mail.
  await db.schema
    .alterTable("outbox")
    .addColumn("response_id", "text", (c) => c.references("responses.id").onDelete("cascade"))
    .execute();
  await db.schema
    .createTable("directory_exits")
    .addColumn("response_id", "text", (c) => c.primaryKey().references("responses.id").onDelete("cascade"))
    .addColumn("left_at", "text", (c) => c.notNull())
    .execute();
  // Who was told they are listed, with the link to leave: told once.
  await db.schema
    .createTable("directory_notices")
    .addColumn("response_id", "text", (c) => c.primaryKey().references("responses.id").onDelete("cascade"))
    .addColumn("notified_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = engineOf(db) === "postgres";
  for (const [name] of TRIGGERS)
    await sql`drop trigger ${sql.raw(name)}${sql.raw(postgres ? " on compendium_sources" : "")}`.execute(db);
  if (postgres) await sql`drop function compendium_entry_emptied()`.execute(db);
  for (const table of [
    "directory_notices",
    "directory_exits",
    "citation_requests",
    "compendium_sources",
    "compendium_texts",
    "compendium_entries",
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable("outbox").dropColumn("response_id").execute();
  await db.schema.alterTable("users").dropColumn("editor").execute();
}
