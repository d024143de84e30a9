import Database from "better-sqlite3";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
const admin = new CookieJar();

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  admin.take(await app.handle(formPost("/organiser/login", { email: "admin@example.org", password: "correct horse battery" })));
});

const get = (path: string, jar?: CookieJar) =>
  app.handle(new Request(BASE + path, { headers: jar ? { Cookie: jar.header() } : {} }));
const post = (path: string, fields: Record<string, string> | FormData, jar?: CookieJar) =>
  app.handle(formPost(path, fields, jar ? { Cookie: jar.header() } : {}));

async function invite(name: string, email: string, language = "es") {
  const response = await post(
    "/organiser/invitations",
    { q: "demo", intent: "add", name, email, organisation: "", language },
    admin,
  );
  expect(response.status).toBe(200);
}

/** Opens an invitee's link and saves one section: a draft tied to the invitation. */
async function startAnswering(email: string) {
  const page = await (await get("/organiser/invitations?q=demo", admin)).text();
  const row = page.split("<tr").find((r) => r.includes(email))!;
  const link = row.match(/value="(http:\/\/localhost\/i\?t=[A-Za-z0-9_-]+)"/)![1]!;
  const expert = new CookieJar();
  expert.take(await get(link.replace(BASE, "")));
  const saved = await post(
    "/q/demo/s/choices",
    { __shown: "likes_fruit,channels,size", likes_fruit: "2", channels: "1", _action: "save" },
    expert,
  );
  expect(saved.status).toBe(302);
}

/** A shortcut for the state "this invitee has submitted": the respondent path is tested elsewhere. */
function markSubmitted(email: string) {
  const db = new Database(app.databasePath);
  db.prepare(
    `update responses set status = 'submitted', submitted_at = ?
     where invitation_id = (select id from invitations where email = ?)`,
  ).run(new Date().toISOString(), email);
  db.close();
}

describe("the invitation list download", () => {
  it("exports what the page shows: with 'not finished' chosen, no submitted invitee", async () => {
    await invite("Done Dana", "dana@example.org");
    await invite("Draft Diego", "diego@example.org");
    await invite("Never Nora", "nora@example.org", "en");
    await startAnswering("dana@example.org");
    await startAnswering("diego@example.org");
    markSubmitted("dana@example.org");

    const page = await (await get("/organiser/invitations?q=demo&show=unfinished", admin)).text();
    expect(page).not.toContain("dana@example.org");
    // The page's own download button carries the filter.
    expect(page).toMatch(/<input type="hidden" name="show" value="unfinished"\/>/);

    const exported = await post("/organiser/invitations.csv", { q: "demo", show: "unfinished" }, admin);
    expect(exported.status).toBe(200);
    const rows = Papa.parse<Record<string, string>>((await exported.text()).replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.email).sort()).toEqual(["diego@example.org", "nora@example.org"]);
    const [audit] = query<{ details: string }>(
      app.databasePath,
      "select details from audit_log where action = 'invitations.export' order by rowid desc limit 1",
    );
    expect(JSON.parse(audit!.details)).toMatchObject({ count: 2 });

    const everyone = await post("/organiser/invitations.csv", { q: "demo" }, admin);
    expect((await everyone.text()).match(/@example\.org/g)).toHaveLength(3);
  });
});
