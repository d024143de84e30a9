import { Kysely, Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../connection";
import { migrations } from "./index";

let db: Kysely<any> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const migrator = (on: Kysely<any>) => new Migrator({ db: on, provider: { getMigrations: async () => migrations } });

describe("migration 2026_12_01_091000_theme_labels", () => {
  it("moves the English and Spanish labels into theme_labels, keeps earlier codings as coded, and goes back", async () => {
    db = openDatabase(":memory:");
    expect((await migrator(db).migrateTo("2026_11_28_003000_export_index")).error).toBeUndefined();
    await sql`insert into themes (id, questionnaire_id, code, label_en, label_es, description, created_at)
              values ('t1', 'q', 'trust', 'Trust', 'Confianza', 'Between sectors.', '2026-11-30')`.execute(db);
    await sql`insert into responses (id, questionnaire_id, questionnaire_version, language, status, created_at, updated_at)
              values ('r1', 'q', 1, 'en', 'submitted', '2026-11-30', '2026-11-30')`.execute(db);
    await sql`insert into users (id, email, name, role, password_hash, created_at)
              values ('u1', 'ana@example.org', 'Ana', 'coder', 'x', '2026-11-30')`.execute(db);
    await sql`insert into codings (response_id, variable, coder_id, note, updated_at)
              values ('r1', 'story', 'u1', '', '2026-11-30')`.execute(db);

    expect((await migrator(db).migrateToLatest()).error).toBeUndefined();
    expect((await sql`select * from theme_labels order by language`.execute(db)).rows).toEqual([
      { theme_id: "t1", language: "en", label: "Trust", description: "Between sectors." },
      { theme_id: "t1", language: "es", label: "Confianza", description: "" },
    ]);
    expect((await sql`select * from themes`.execute(db)).rows).toEqual([
      { id: "t1", questionnaire_id: "q", code: "trust", created_at: "2026-11-30" },
    ]);
    expect((await sql`select coded from codings`.execute(db)).rows).toEqual([{ coded: 1 }]);

    expect((await migrator(db).migrateTo("2026_11_28_003000_export_index")).error).toBeUndefined();
    expect((await sql`select label_en, label_es, description from themes`.execute(db)).rows).toEqual([
      { label_en: "Trust", label_es: "Confianza", description: "Between sectors." },
    ]);
  });
});
