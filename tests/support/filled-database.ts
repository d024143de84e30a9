import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "kysely";
import type { Questionnaire } from "../../app/engine/definition";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { fillDatabase } from "../../scripts/bench-data";
import { freshDatabase, onPostgres } from "./engine";
import { tempDir } from "./test-env";

/** Rows per insert: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 2000;

/**
 * A database of this run's engine holding `count` generated responses (scripts/bench-data.ts, which
 * writes a SQLite file fast). On PostgreSQL the file's rows are copied into a fresh database.
 */
export async function filledDatabase(questionnaire: Questionnaire, count: number): Promise<string> {
  const file = path.join(tempDir(), "consulta.db");
  await fillDatabase(file, questionnaire, count);
  if (!onPostgres) return file;
  const url = await freshDatabase();
  const target = openDatabase(url);
  const source = new Database(file, { readonly: true });
  try {
    await migrateToLatest(target);
    const tables = source
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'")
      .pluck()
      .all() as string[];
    await target.transaction().execute(async (trx) => {
      // Rows in any order: foreign keys are not checked while copying (the cluster's user is a superuser).
      await sql`set local session_replication_role = replica`.execute(trx);
      for (const table of tables) {
        const rows = source.prepare(`select * from ${table}`).all() as Record<string, unknown>[];
        for (let at = 0; at < rows.length; at += BATCH)
          await trx
            .insertInto(table as "responses")
            .values(rows.slice(at, at + BATCH) as never)
            .execute();
      }
      // Identity columns given their ids by the copy continue after them.
      const identities = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns where is_identity = 'YES' and table_schema = 'public'`.execute(
        trx,
      );
      for (const { table_name: table, column_name: column } of identities.rows)
        await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false)
                  from ${sql.table(table)}`.execute(trx);
    });
    // Statistics for the planner, as autovacuum would gather them after a load this size.
    await sql`analyze`.execute(target);
  } finally {
    source.close();
    await target.destroy();
  }
  return url;
}
