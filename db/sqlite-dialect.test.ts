import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../tests/support/test-env";
import { migrateToLatest, openDatabase } from "./connection";
import type { Database } from "./schema";
import { BusyAwareSqliteDialect, DatabaseBusyError } from "./sqlite-dialect";

let db: Kysely<Database>;
/** Another process's connection to the same file, as a backup or a script would hold one. */
let other: SQLite.Database;

beforeEach(async () => {
  const file = path.join(tempDir(), "busy.db");
  db = openDatabase(file);
  await migrateToLatest(db);
  other = new SQLite(file);
  other.pragma("busy_timeout = 0");
});

afterEach(async () => {
  if (other.inTransaction) other.exec("rollback");
  other.close();
  await db.destroy();
});

let n = 0;
const insertResponse = (trx: Kysely<Database> = db) =>
  trx
    .insertInto("responses")
    .values({
      id: `r${++n}`,
      questionnaire_id: "q",
      questionnaire_version: 1,
      language: "en",
      status: "draft",
      current_section: null,
      resume_token_hash: `t${n}`,
      resume_code_hash: `c${n}`,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      submitted_at: null,
      invitation_id: null,
    })
    .execute();
const countResponses = async () => (await db.selectFrom("responses").select("id").execute()).length;

const writes = {
  "a statement on its own": () => insertResponse(),
  "a transaction": () => db.transaction().execute((trx) => insertResponse(trx)),
};

describe("the SQLite dialect", () => {
  it("takes the write lock when a transaction begins, not at its first write", async () => {
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom("responses").selectAll().execute();
      expect(() => other.exec("begin immediate")).toThrow(/locked|busy/i);
    });
  });

  it.each(Object.entries(writes))(
    "reports %s kept waiting by another writer as busy, answering reads meanwhile",
    async (_, write) => {
      other.exec("begin immediate");
      const events: string[] = [];
      const waiting = write().then(
        () => events.push("write saved"),
        (error: unknown) => events.push(error instanceof DatabaseBusyError ? "write busy" : `write failed: ${String(error)}`),
      );
      await countResponses();
      events.push("read answered");
      await waiting;
      expect(events).toEqual(["read answered", "write busy"]);
      expect(await countResponses()).toBe(0);
    },
  );

  it.each(Object.entries(writes))("lets %s through once the other writer is done", async (_, write) => {
    other.exec("begin immediate");
    const waiting = write();
    await countResponses();
    other.exec("rollback");
    await waiting;
    expect(await countResponses()).toBe(1);
  });
});

describe("prepared statements", () => {
  it("prepares a query once and runs it again from then on, with each run's own parameters", async () => {
    const file = path.join(tempDir(), "statements.db");
    const sqlite = new SQLite(file);
    let prepared = 0;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => {
      prepared++;
      return prepare(sql);
    }) as typeof sqlite.prepare;
    const own = new Kysely<Database>({ dialect: new BusyAwareSqliteDialect({ database: sqlite }) });
    await migrateToLatest(own);
    const find = (id: string) => own.selectFrom("responses").select("id").where("id", "=", id).executeTakeFirst();
    await insertResponse(own);
    const first = `r${n}`;
    await insertResponse(own);
    const before = prepared;
    expect(await find(first)).toEqual({ id: first });
    expect(await find(`r${n}`)).toEqual({ id: `r${n}` });
    expect(await find("none")).toBeUndefined();
    expect(prepared - before).toBe(1);
    await own.destroy();
  });
});
