import fs from "node:fs";
import SQLite from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";
import { onPostgres, SQLITE_ONLY } from "../support/engine";

let app: Awaited<ReturnType<typeof loadApp>>;
let admin: CookieJar;
let coder: CookieJar;
/** Another program's connection to the database file: a backup or an export script. */
let other: SQLite.Database | undefined;

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  admin = await signedIn(app, "admin@example.org", "admin");
  coder = await signedIn(app, "coder@example.org", "coder");
  if (!onPostgres) other = new SQLite(app.databasePath);
});

afterEach(() => {
  if (other?.inTransaction) other.exec("commit");
});

const get = (path: string, jar: CookieJar) => app.handle(new Request(BASE + path, { headers: { Cookie: jar.header() } }));
const post = (path: string, fields: Record<string, string>, jar: CookieJar) =>
  app.handle(formPost(path, fields, { Cookie: jar.header(), "Accept-Language": "en" }), app.nextAddress());
const count = (table: string, where = "1 = 1", ...params: unknown[]) =>
  query<{ n: number }>(app.databasePath, `select count(*) as n from ${table} where ${where}`, ...params)[0]!.n;

/** How many times a text occurs in the raw bytes of the database file and its write-ahead log and index. */
function copiesOnDisk(text: string): number {
  const needle = Buffer.from(text, "utf8");
  let copies = 0;
  for (const file of [app.databasePath, `${app.databasePath}-wal`, `${app.databasePath}-shm`]) {
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) copies++;
  }
  return copies;
}

/** A respondent who tells a story (saved twice, as people do), submits, and whose story a coder then codes. */
async function respondAndGetCoded(expert: CookieJar, story: string) {
  const facts = { __shown: "name,story,staff,share,started,contact,based_in", name: "Project", _action: "next" };
  const steps: Array<[string, Record<string, string>]> = [
    ["choices", { __shown: "likes_fruit,channels,size", likes_fruit: "2", channels: "97", _action: "next" }],
    ["facts", { ...facts, story: `${story} (first draft)` }],
    ["facts", { ...facts, story }],
    ["examples", { __shown: "example,agree", agree: "on", _action: "next" }],
  ];
  for (const [section, fields] of steps) {
    const page = await (await get(`/q/demo/s/${section}`, expert)).text();
    const seen = page.match(/name="_saved" value="([^"]+)"/)?.[1] ?? "";
    const saved = expert.take(await post(`/q/demo/s/${section}`, { ...fields, _saved: seen }, expert));
    expect(
      saved.status,
      `${section}: ${saved.status === 200 ? (await saved.text()).match(/class="summary"[^>]*>([^<]*)/)?.[1] : ""}`,
    ).toBe(302);
  }
  const code = (await (await get("/q/demo/s/examples", expert)).text()).match(/([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})/)?.[1];
  expect(expert.take(await post("/q/demo/review", {}, expert)).status).toBe(302);

  const coding = await (await get("/organiser/coding/story?q=demo", coder)).text();
  const ids = [...coding.matchAll(/name="answer" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const fields = new FormData();
  for (const id of ids) {
    fields.append("answer", id);
    fields.set(`note.${id}`, `Coder's note quoting ${story}`);
  }
  expect((await app.handle(formPost("/organiser/coding/story?q=demo", fields, { Cookie: coder.header() }))).status).toBe(200);
  return code;
}

/** The confirmation form's fields, as the first step shows them. */
function confirmation(html: string): Record<string, string> {
  const form = html.match(/<form[^>]*>(?:(?!<\/form>)[\s\S])*name="intent" value="erase"[\s\S]*?<\/form>/)?.[0];
  expect(form).toBeDefined();
  return Object.fromEntries(
    [...form!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
}

describe("erasing a respondent", () => {
  it("by resume code: shows what will be deleted and deletes nothing until confirmed", async () => {
    const expert = new CookieJar();
    const code = await respondAndGetCoded(expert, "Heliotrope-Canal-2208");
    const [response] = query<{ id: string }>(app.databasePath, "select id from responses order by created_at desc limit 1");

    expect((await get(`/organiser/erasure?q=demo&by=code&code=${code}`, admin)).status).toBe(200);
    const found = await post("/organiser/erasure", { q: "demo", by: "code", code: code!.toLowerCase() }, admin);
    expect(found.status).toBe(200);
    const html = await found.text();
    expect(html).toContain("What will be erased");
    expect(html).toMatch(/Started [^<]+, last saved [^<]+ \(UTC\)\. Submitted [^<]+\. 5 answers\./);
    expect(html).toContain("None: the response came through the open link.");
    expect(html).toContain("coder &lt;coder@example.org&gt;: 1 answer coded");
    expect(count("responses", "id = ?", response!.id)).toBe(1);

    const done = await post("/organiser/erasure", confirmation(html), admin);
    expect(done.status).toBe(200);
    // The app clears SQLite's files itself; a PostgreSQL server's copies follow its retention, and it says so.
    expect(await done.text()).toContain(
      onPostgres
        ? "Erased from the database. The PostgreSQL server may keep copies"
        : "Erased. No copy is left in the database files.",
    );
    for (const table of ["responses", "answers", "answer_codes", "codings"]) {
      expect(count(table, table === "responses" ? "id = ?" : "response_id = ?", response!.id)).toBe(0);
    }
    const [entry] = query<{ details: string; target_id: string }>(
      app.databasePath,
      "select details, target_id from audit_log where action = 'erasure'",
    );
    expect(entry).toMatchObject({ target_id: response!.id });
    expect(entry!.details).not.toContain(code!.replace("-", ""));

    // Sent again, the confirmation finds nothing left to erase.
    const again = await post("/organiser/erasure", confirmation(html), admin);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("There is nothing to erase");
  });

  it.skipIf(onPostgres)(
    `by invitation email: erases the invitation, the answers and their coding, leaving no copy in the database files (${SQLITE_ONLY})`,
    async () => {
      const person = {
        name: "Zenobia Quattlebaum",
        email: "zenobia.quattlebaum@example.org",
        organisation: "Fundación Quattlebaum",
      };
      await post("/organiser/invitations", { q: "demo", intent: "add", ...person, language: "es" }, admin);
      const list = await (await get("/organiser/invitations?q=demo", admin)).text();
      const link = list.match(/value="http:\/\/localhost(\/i\?t=[A-Za-z0-9_-]+)"/)![1]!;
      const expert = new CookieJar();
      expert.take(await app.handle(new Request(BASE + link)));
      const story = "Marigold-Tapestry-4417";
      await respondAndGetCoded(expert, story);
      // What a backup or a long-lived connection leaves behind: the pages copied into the main file.
      other!.pragma("wal_checkpoint(TRUNCATE)");
      const texts = [story, person.email, person.name, person.organisation];
      for (const text of texts) expect(copiesOnDisk(text), text).toBeGreaterThan(0);

      const found = await post(
        "/organiser/erasure",
        { q: "demo", by: "invitation", email: "Zenobia.Quattlebaum@example.org" },
        admin,
      );
      const html = await found.text();
      expect(html).toContain("Zenobia Quattlebaum &lt;zenobia.quattlebaum@example.org&gt;, Fundación Quattlebaum");
      expect(html).toContain("5 answers.");
      expect(copiesOnDisk(story)).toBeGreaterThan(0);

      const done = await post("/organiser/erasure", confirmation(html), admin);
      expect(await done.text()).toContain("Erased. No copy is left in the database files.");
      expect(count("invitations", "email = ?", person.email)).toBe(0);
      expect(count("responses", "invitation_id is not null")).toBe(0);
      for (const text of texts) expect(copiesOnDisk(text), text).toBe(0);
    },
  );

  it.skipIf(onPostgres)(
    `says so when another program's read keeps copies in the write-ahead log, and clears them once it is done (${SQLITE_ONLY})`,
    async () => {
      if (!other) return;
      other.exec("begin");
      other.prepare("select count(*) from responses").get();
      const expert = new CookieJar();
      const story = "Cobalt-Lantern-9902";
      const code = await respondAndGetCoded(expert, story);
      const found = await post("/organiser/erasure", { q: "demo", by: "code", code: code! }, admin);
      const done = await post("/organiser/erasure", confirmation(await found.text()), admin);
      expect(await done.text()).toContain("Copies of the deleted data remain in the database&#x27;s write-ahead log");
      expect(copiesOnDisk(story)).toBeGreaterThan(0);

      other.exec("commit");
      await vi.waitFor(() => expect(copiesOnDisk(story)).toBe(0), { timeout: 20_000, interval: 200 });
    },
  );
});
