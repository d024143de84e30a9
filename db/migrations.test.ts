import path from "node:path";
import SQLite from "better-sqlite3";
import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { tempDir } from "../tests/support/test-env";
import { migrateToLatest, openDatabase } from "./connection";
import { migrations } from "./migrations/index";

const columnsOf = (file: string, table: string) => {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return (sqlite.prepare(`pragma table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  } finally {
    sqlite.close();
  }
};

describe("the migrations", () => {
  it("drop the unused responses.revision column, keeping the responses stored before", async () => {
    const file = path.join(tempDir(), "migrate.db");
    const db = openDatabase(file);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    // A database as it was before the column went, with a response in it.
    expect((await migrator.migrateTo("2026_11_28_003000_export_index")).error).toBeUndefined();
    new SQLite(file)
      .prepare(
        `insert into responses (id, questionnaire_id, questionnaire_version, language, status, created_at, updated_at)
         values ('r1', 'demo', 1, 'en', 'draft', '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z')`,
      )
      .run();
    expect(columnsOf(file, "responses")).toContain("revision");

    await migrateToLatest(db);
    expect(columnsOf(file, "responses")).not.toContain("revision");
    expect(await db.selectFrom("responses").select("id").execute()).toEqual([{ id: "r1" }]);

    // And back, for an operator who must return to the previous release.
    expect((await migrator.migrateTo("2026_11_28_003000_export_index")).error).toBeUndefined();
    expect(columnsOf(file, "responses")).toContain("revision");
    await db.destroy();
  });
});
