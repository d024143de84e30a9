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

describe("the consultation records migration", () => {
  it("gives each questionnaire with data a consultation named by its id, with its days, and links its responses and invitations", async () => {
    const file = path.join(tempDir(), "records.db");
    const db = openDatabase(file);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026_12_01_140000_compendium")).error).toBeUndefined();
    const sqlite = new SQLite(file);
    sqlite.exec(`
      insert into responses (id, questionnaire_id, questionnaire_version, language, status, created_at, updated_at)
        values ('r1', 'pre-regm', 2, 'es', 'submitted', '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z'),
               ('r2', 'pre-regm', 1, 'en', 'draft', '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z');
      insert into invitations (id, questionnaire_id, name, email, organisation, language, token_hash, created_at, country, region, sector)
        values ('i1', 'demo', 'A', 'a@example.org', 'Org', 'en', 'h', '2026-11-30T00:00:00Z', '', '', '');
      insert into consultations (questionnaire_id, opens_on, closes_on, updated_at)
        values ('pre-regm', '2026-12-01', '2026-12-20', '2026-11-30T00:00:00Z');
    `);
    sqlite.close();

    await migrateToLatest(db);
    const rounds = await db
      .selectFrom("consultations")
      .select(["id", "questionnaire_id", "questionnaire_version", "name", "opens_on", "closes_on", "languages", "region"])
      .orderBy("id")
      .execute();
    expect(rounds).toEqual([
      {
        id: "demo",
        questionnaire_id: "demo",
        questionnaire_version: 1,
        name: "demo",
        opens_on: null,
        closes_on: null,
        languages: null,
        region: null,
      },
      {
        id: "pre-regm",
        questionnaire_id: "pre-regm",
        questionnaire_version: 2,
        name: "pre-regm",
        opens_on: "2026-12-01",
        closes_on: "2026-12-20",
        languages: null,
        region: null,
      },
    ]);
    expect(await db.selectFrom("responses").select(["id", "consultation_id"]).orderBy("id").execute()).toEqual([
      { id: "r1", consultation_id: "pre-regm" },
      { id: "r2", consultation_id: "pre-regm" },
    ]);
    expect(await db.selectFrom("invitations").select("consultation_id").executeTakeFirst()).toEqual({ consultation_id: "demo" });

    expect((await migrator.migrateTo("2026_12_01_140000_compendium")).error).toBeUndefined();
    expect(columnsOf(file, "responses")).not.toContain("consultation_id");
    await db.destroy();
  });
});
