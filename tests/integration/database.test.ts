import SQLite from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { HONEYPOT_FIELD } from "../../app/components/honeypot";
import { submitResponse } from "../../app/models/response.server";
import { openDatabase } from "../../db/connection";
import { signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { execute, query } from "../support/db";
import { onPostgres, SQLITE_ONLY } from "../support/engine";

let app: Awaited<ReturnType<typeof loadApp>>;
/** Another process's connection to the app's database file: a backup, an export script, a second server. */
let other: SQLite.Database | undefined;
let admin: CookieJar;

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  if (!onPostgres) {
    other = new SQLite(app.databasePath);
    other.pragma("busy_timeout = 0");
  }
  admin = await signedIn(app, "admin@example.org", "admin");
});

afterEach(() => {
  if (other?.inTransaction) other.exec("rollback");
});

const holdWriteLock = () => other!.exec("begin immediate");
const releaseWriteLock = () => other!.exec("rollback");

const choices = { __shown: "likes_fruit,channels,size", _action: "save" };
const headersOf = (jar: CookieJar, language: string) => ({ Cookie: jar.header(), "Accept-Language": language });
const get = (path: string, jar: CookieJar, language = "en") =>
  app.handle(new Request(BASE + path, { headers: headersOf(jar, language) }));
const post = (path: string, fields: Record<string, string>, jar: CookieJar, language = "en") =>
  app.handle(formPost(path, fields, headersOf(jar, language)), app.nextAddress());
const storedAnswer = (variable: string) =>
  query<{ value: string }>(
    app.databasePath,
    "select value from answers where variable = ? and response_id = (select id from responses order by created_at desc limit 1)",
    variable,
  )[0]?.value;
const answerCount = () => query<{ n: number }>(app.databasePath, "select count(*) as n from answers")[0]!.n;

async function respondent(): Promise<CookieJar> {
  const jar = new CookieJar();
  expect(jar.take(await post("/q/demo/s/choices", { ...choices, likes_fruit: "2" }, jar)).status).toBe(302);
  return jar;
}

/**
 * A form POST whose body is held back until `send()`: `bodyRead` settles when the app starts
 * reading it, which the section action does only after its first look at the response.
 */
function heldPost(path: string, fields: Record<string, string>, jar: CookieJar) {
  const body = new URLSearchParams({ ...fields, [HONEYPOT_FIELD]: "" }).toString();
  let send!: () => void;
  const released = new Promise<void>((resolve) => (send = resolve));
  let bodyRead!: () => void;
  const reading = new Promise<void>((resolve) => (bodyRead = resolve));
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      bodyRead();
      await released;
      controller.enqueue(new TextEncoder().encode(body));
      controller.close();
    },
  });
  const request = new Request(BASE + path, {
    method: "POST",
    body: stream,
    headers: { ...headersOf(jar, "en"), "Content-Type": "application/x-www-form-urlencoded" },
    duplex: "half",
  } as RequestInit);
  return { answered: app.handle(request, app.nextAddress()), bodyRead: reading, send };
}

/** Lets every pending promise run, so a request that was let go reaches the database. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe.skipIf(onPostgres)(`a database locked by another process (${SQLITE_ONLY})`, () => {
  it("answers a section save with a 503 in the respondent's language, keeps the entries, stores nothing; the save goes through later", async () => {
    const jar = await respondent();
    const before = answerCount();
    holdWriteLock();
    for (const [language, text] of [
      ["es", "Esta página AÚN NO se ha guardado"],
      ["en", "This page was NOT saved yet"],
    ] as const) {
      const refused = await post("/q/demo/s/choices", { ...choices, likes_fruit: "1", channels: "3" }, jar, language);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
      const html = await refused.text();
      expect(html).toContain(text);
      expect(html).toMatch(/value="3"[^>]*checked|checked[^>]*value="3"/);
    }
    expect(storedAnswer("likes_fruit")).toBe("2");
    expect(answerCount()).toBe(before);

    releaseWriteLock();
    expect((await post("/q/demo/s/choices", { ...choices, likes_fruit: "1", channels: "3" }, jar)).status).toBe(302);
    expect(storedAnswer("likes_fruit")).toBe("1");
  });

  it("refuses a first save with a 503, creating no response", async () => {
    const responses = () => query<{ n: number }>(app.databasePath, "select count(*) as n from responses")[0]!.n;
    const before = responses();
    holdWriteLock();
    const refused = await post("/q/demo/s/choices", { ...choices, likes_fruit: "1" }, new CookieJar(), "es");
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain("AÚN NO se ha guardado");
    expect(responses()).toBe(before);
  });

  it("does not freeze the server: a page is shown while a save waits for the lock", async () => {
    const jar = await respondent();
    holdWriteLock();
    const events: string[] = [];
    const save = heldPost("/q/demo/s/choices", { ...choices, likes_fruit: "1" }, jar);
    await save.bodyRead;
    save.send();
    await settle(); // the save now waits for the lock
    const saved = save.answered.then((response) => {
      events.push("save answered");
      return response;
    });
    const page = await get("/q/demo/s/choices", jar);
    events.push("page answered");
    expect(page.status).toBe(200);
    releaseWriteLock();
    const response = await saved;
    expect(events).toEqual(["page answered", "save answered"]);
    expect(response.status).toBe(302);
    expect(storedAnswer("likes_fruit")).toBe("1");
  });

  it("answers every other route with a 503 in the visitor's language, not a 500", async () => {
    const jar = await respondent();
    holdWriteLock();
    const submitted = await post("/q/demo/review", {}, jar, "es");
    expect(submitted.status).toBe(503);
    expect(submitted.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await submitted.text()).toContain("El servicio está ocupado en este momento");
    const invited = await app.handle(
      formPost(
        "/organiser/invitations",
        { q: "demo", intent: "add", name: "Ana", email: "ana@example.org", organisation: "ONG", language: "es" },
        { Cookie: admin.header(), "Accept-Language": "en" },
      ),
    );
    expect(invited.status).toBe(503);
    expect(await invited.text()).toContain("The service is busy at the moment");
    releaseWriteLock();
    expect(query(app.databasePath, "select * from invitations")).toEqual([]);
    expect(query(app.databasePath, "select status from responses where status = 'submitted'")).toEqual([]);
  });
  it("still shows organisers' pages, whose only write is bookkeeping", async () => {
    // The session was last seen long ago: this visit would note the time.
    const [session] = query<{ id_hash: string }>(app.databasePath, "select id_hash from sessions");
    execute(
      app.databasePath,
      "update sessions set last_seen_at = '2000-01-01T00:00:00.000Z' where id_hash = ?",
      session!.id_hash,
    );
    holdWriteLock();
    const page = await app.handle(new Request(`${BASE}/organiser/responses?q=demo`, { headers: { Cookie: admin.header() } }));
    expect(page.status).toBe(200);
  });
});

describe("a submitted response", () => {
  it("is not changed by a save that passed its first check before the submission", async () => {
    const jar = await respondent();
    const [{ id }] = query<{ id: string }>(app.databasePath, "select id from responses order by created_at desc limit 1") as [
      { id: string },
    ];
    const before = query(app.databasePath, "select * from answers where response_id = ? order by variable", id);

    const save = heldPost("/q/demo/s/choices", { ...choices, likes_fruit: "1", channels: "3" }, jar);
    await save.bodyRead; // the action has seen a draft and is reading the form
    // The respondent submits from another window (or device) meanwhile.
    const elsewhere = openDatabase(app.databasePath);
    expect(await submitResponse(elsewhere, id)).toBe(true);
    await elsewhere.destroy();
    save.send();

    const refused = await save.answered;
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("already been submitted and can no longer be changed");
    expect(query(app.databasePath, "select * from answers where response_id = ? order by variable", id)).toEqual(before);
    expect(query(app.databasePath, "select status, current_section from responses where id = ?", id)).toEqual([
      { status: "submitted", current_section: null },
    ]);
  });
});

describe.runIf(onPostgres)("a PostgreSQL database whose writes another process holds up", () => {
  it("answers a section save with a 503 in the respondent's language once it has waited its while, and stores nothing", async () => {
    const jar = await respondent();
    const pg = (await import("pg")).default;
    const { WRITE_LOCK_KEY } = await import("../../db/postgres-dialect");
    const holder = new pg.Client({ connectionString: app.databasePath });
    await holder.connect();
    try {
      // What every write transaction of the app takes first (db/postgres-dialect.ts), held by another process.
      await holder.query("begin");
      await holder.query("select pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
      const refused = await post("/q/demo/s/choices", { ...choices, likes_fruit: "1" }, jar, "es");
      expect(refused.status).toBe(503);
      expect(await refused.text()).toContain("AÚN NO se ha guardado");
      expect(storedAnswer("likes_fruit")).toBe("2");
    } finally {
      await holder.end();
    }
    expect((await post("/q/demo/s/choices", { ...choices, likes_fruit: "1" }, jar)).status).toBe(302);
    expect(storedAnswer("likes_fruit")).toBe("1");
  });
});
