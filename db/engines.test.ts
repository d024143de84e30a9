import path from "node:path";
import { Migrator, NO_MIGRATIONS, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResponse, submitResponse } from "../app/models/response.server";
import { postgresClusterForFile } from "../tests/support/engine";
import { tempDir } from "../tests/support/test-env";
import { migrateToLatest, openDatabase, openSnapshot } from "./connection";
import { driverOf, engineOf } from "./driver";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

// Whatever TEST_ENGINE says, both engines: the PostgreSQL cluster is the run's, or this file's own.
const cluster = postgresClusterForFile(beforeAll, afterAll);
const locations = {
  sqlite: async () => path.join(tempDir(), "engines.db"),
  postgres: async () => (await cluster()).freshDatabase(),
};

const draft = (db: Kysely<Database>, id: string) =>
  createResponse(db, {
    id,
    questionnaireId: "demo",
    questionnaireVersion: 1,
    language: "en",
    tokenHash: `t-${id}`,
    codeHash: `c-${id}`,
  });

describe.each(["sqlite", "postgres"] as const)("on %s", (engine) => {
  let location: string;
  let db: Kysely<Database>;
  beforeAll(async () => {
    location = await locations[engine]();
    db = openDatabase(location);
  });
  afterAll(() => db?.destroy());

  it("runs every migration up, all the way down, and up again", async () => {
    expect(engineOf(db)).toBe(engine);
    expect(driverOf(db).engine).toBe(engine);
    await migrateToLatest(db);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results).toHaveLength(Object.keys(migrations).length);
    await migrateToLatest(db);
  });

  it("numbers the rows of the tables with an increasing key itself (SQLite's autoincrement)", async () => {
    const insert = () =>
      db.insertInto("audit_log").values({ at: "2026-12-01T00:00:00Z", action: "test" }).returning("id").executeTakeFirstOrThrow();
    const first = await insert();
    const second = await insert();
    expect(second.id).toBeGreaterThan(first.id);
  });

  it("drops a Compendium entry whose last example goes (the migration's trigger)", async () => {
    await draft(db, "with-example");
    const at = "2026-12-01T00:00:00Z";
    await db
      .insertInto("compendium_entries")
      .values({ id: "e1", questionnaire_id: "demo", created_at: at, updated_at: at })
      .execute();
    await db.insertInto("compendium_sources").values({ entry_id: "e1", response_id: "with-example", item_index: 0 }).execute();
    await db.deleteFrom("responses").where("id", "=", "with-example").execute();
    expect(await db.selectFrom("compendium_entries").select("id").execute()).toEqual([]);
  });

  it("counts in numbers, not strings", async () => {
    const { n } = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(n).toBe(2);
  });

  it("lets no write transaction in between another's read and its write", async () => {
    let letFirstWrite!: () => void;
    const firstMayWrite = new Promise<void>((resolve) => (letFirstWrite = resolve));
    let firstHasRead!: () => void;
    const firstRead = new Promise<void>((resolve) => (firstHasRead = resolve));
    const count = async (trx: Kysely<Database>) =>
      (
        await trx
          .selectFrom("responses")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const first = db.transaction().execute(async (trx) => {
      const seen = await count(trx);
      firstHasRead();
      await firstMayWrite;
      await draft(trx, "first");
      return seen;
    });
    await Promise.race([firstRead, first]); // a first that fails does not leave the test waiting
    // Begun while the first holds its read: it must see the first's write, as under SQLite's file lock.
    const second = db.transaction().execute(async (trx) => count(trx));
    await new Promise((resolve) => setTimeout(resolve, 50));
    letFirstWrite();
    expect(await second).toBe((await first) + 1);
  });

  it("reads one snapshot for a whole export, whatever is saved meanwhile", async () => {
    const snapshot = openSnapshot(location);
    try {
      const submitted = () => snapshot.selectFrom("responses").select("id").where("status", "=", "submitted").execute();
      expect(await submitted()).toEqual([]);
      expect(await submitResponse(db, "first")).toBe(true);
      expect(await submitted()).toEqual([]);
      const streamed = [];
      for await (const row of snapshot.selectFrom("responses").select("status").stream()) streamed.push(row.status);
      expect(streamed).toEqual(["draft"]);
    } finally {
      await snapshot.destroy();
    }
  });
});
