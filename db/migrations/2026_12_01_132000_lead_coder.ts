import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// A lead coder manages the codebook's themes on top of their role. A grant, not a fourth role: the
// role column's CHECK constraint cannot change without rebuilding a table other tables reference.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("lead_coder", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("lead_coder").execute();
}
