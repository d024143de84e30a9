import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Every e-mail goes through a durable outbox worked by a background loop; invitations learn when they
// were sent, reminded and declined, and carry where the expert works (for response rates by group).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("invitation_id", "text", (c) => c.references("invitations.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("reply_to", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("outbox_invitation").on("outbox").column("invitation_id").execute();
  for (const column of ["invited_at", "reminded_at", "declined_at"])
    await db.schema.alterTable("invitations").addColumn(column, "text").execute();
  for (const column of ["country", "region", "sector"])
    await db.schema
      .alterTable("invitations")
      .addColumn(column, "text", (c) => c.notNull().defaultTo(""))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["invited_at", "reminded_at", "declined_at", "country", "region", "sector"])
    await db.schema.alterTable("invitations").dropColumn(column).execute();
  await db.schema.dropTable("outbox").execute();
}
