import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { CookieJar, loadApp, pages } from "../support/app";
import { execute, query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
let admin: CookieJar;
let web: ReturnType<typeof pages>;

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  web = pages(app);
  admin = await signedIn(app, "frictions-admin@example.org", "admin");
});

/** Writes straight into the app's database, to set up codings without walking the coding screen. */
const write = (sql: string) => execute(app.databasePath, sql);

const themeId = (code: string) =>
  (
    query(app.databasePath, `select id from themes where questionnaire_id = 'demo' and code = '${code}'`) as Array<{ id: string }>
  )[0]?.id;

describe("themes page", () => {
  it("offers 'Add the questionnaire's themes' only while there are no themes", async () => {
    const empty = await (await web.get("/organiser/themes?q=demo", admin)).text();
    expect(empty).toContain('value="seed"');
    await web.post("/organiser/themes", { q: "demo", intent: "seed" }, admin);
    const filled = await (await web.get("/organiser/themes?q=demo", admin)).text();
    expect(filled).not.toContain('value="seed"');
    expect(filled).toContain('class="theme-fields"');
  });

  it("answers a malformed theme code with the app's own message in the organiser's language, not the browser's", async () => {
    const page = await (await web.get("/organiser/themes?q=demo", admin)).text();
    expect(page).not.toMatch(/id="new-code"[^>]*pattern=/);
    const refused = await web.post(
      "/organiser/themes?lng=es",
      { q: "demo", intent: "create", code: "Bad Code!", "label.en": "Bad", "label.es": "Malo" },
      admin,
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Use de 1 a 24 letras minúsculas");
  });

  it("deletes an unused theme only after a confirmation, and refuses to delete one in use", async () => {
    await web.post(
      "/organiser/themes",
      { q: "demo", intent: "create", code: "spare", "label.en": "Spare", "label.es": "Libre" },
      admin,
    );
    const id = themeId("spare")!;
    const asked = await web.post("/organiser/themes", { q: "demo", intent: "delete", id }, admin);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("Delete the theme spare? No coding uses it.");
    expect(themeId("spare")).toBe(id);
    const done = await web.post("/organiser/themes", { q: "demo", intent: "delete", id, confirmed: "yes" }, admin);
    expect(await done.text()).toContain("Theme spare deleted.");
    expect(themeId("spare")).toBeUndefined();
    expect(query(app.databasePath, "select action from audit_log where action = 'theme.delete'")).toHaveLength(1);
  });

  it("merges a theme into another: its codings move to the target, audited, and the source is gone", async () => {
    // A coding of a submitted response that uses the theme to be merged.
    const at = "2026-12-01T00:00:00Z";
    write(`insert into responses (id, questionnaire_id, questionnaire_version, language, status, created_at, updated_at, submitted_at)
       values ('r-merge', 'demo', 1, 'en', 'submitted', '${at}', '${at}', '${at}')`);
    const admins = query(app.databasePath, "select id from users") as Array<{ id: string }>;
    const coder = admins[0]!.id;
    const source = themeId("financing")!;
    const target = themeId("training")!;
    write(
      `insert into codings (response_id, variable, coder_id, note, coded, updated_at) values ('r-merge', 'story', '${coder}', '', 1, 'x')`,
    );
    write(`insert into coding_themes values ('r-merge', 'story', '${coder}', '${source}')`);
    const inUse = await web.post("/organiser/themes", { q: "demo", intent: "delete", id: source, confirmed: "yes" }, admin);
    expect(inUse.status).toBe(409);
    const asked = await (await web.post("/organiser/themes", { q: "demo", intent: "merge", id: source, target }, admin)).text();
    expect(asked).toContain("Merge financing into training? Its 1 coding moves to training");
    const done = await web.post("/organiser/themes", { q: "demo", intent: "merge", id: source, target, confirmed: "yes" }, admin);
    expect(await done.text()).toContain("financing merged into training: 1 coding moved.");
    expect(themeId("financing")).toBeUndefined();
    expect(query(app.databasePath, `select theme_id from coding_themes where response_id = 'r-merge'`)).toEqual([
      { theme_id: target },
    ]);
    expect(query(app.databasePath, "select details from audit_log where action = 'theme.merge'")).toEqual([
      { details: JSON.stringify({ code: "financing", into: "training", moved: 1 }) },
    ]);
  });
});

describe("audit log page", () => {
  it("reads each entry's details as a sentence in the organiser's language, with no raw JSON", async () => {
    const english = await (await web.get("/organiser/audit", admin)).text();
    expect(english).toContain("financing merged into training; codings moved: 1.");
    expect(english).toContain("Theme spare deleted.");
    expect(english).not.toMatch(/\{&quot;|\{"code"/);
    const spanish = await (await web.get("/organiser/audit?lng=es", admin)).text();
    expect(spanish).toContain("financing se fusionó con training; codificaciones trasladadas: 1.");
  });

  it("writes each time as the page's language does, to the second, with the zone named once", async () => {
    const cells = (html: string) => [...html.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]!);
    const english = await (await web.get("/organiser/audit", admin)).text();
    expect(cells(english).length).toBeGreaterThan(0);
    // British: "1 Dec 2026, 14:08:28"; not "Dec 1, 2026, 2:08:28 PM UTC".
    for (const cell of cells(english)) expect(cell).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2}$/);
    expect(english.match(/Times are given in UTC\./g)).toHaveLength(1);
    expect(english.split("<table")[1]).not.toContain("UTC");
    const spanish = await (await web.get("/organiser/audit?lng=es", admin)).text();
    for (const cell of cells(spanish)) expect(cell).toMatch(/^\d{1,2} [a-z]{3,4}\.? \d{4}, \d{1,2}:\d{2}:\d{2}$/);
  });

  it("filters by person, action and date range through query parameters, and refuses a bad date with a 400", async () => {
    const byAction = await (await web.get("/organiser/audit?action=theme.delete", admin)).text();
    expect(byAction).toContain("Theme spare deleted.");
    expect(byAction).not.toContain("merged into");
    const byPerson = await (await web.get("/organiser/audit?who=nobody%40example.org", admin)).text();
    expect(byPerson).toContain("No entries match.");
    const today = new Date().toISOString().slice(0, 10);
    const inRange = await (await web.get(`/organiser/audit?from=${today}&to=${today}&action=theme.merge`, admin)).text();
    expect(inRange).toContain("merged into training");
    const later = await (await web.get("/organiser/audit?from=2099-01-01&action=theme.merge", admin)).text();
    expect(later).not.toContain("merged into training");
    const bad = await web.get("/organiser/audit?lng=es&from=2026-13-45", admin);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Por favor, elija las fechas");
  });

  it("downloads the filtered log as CSV by POST, and audits the download", async () => {
    const download = await web.post("/organiser/audit.csv", { action: "theme.merge" }, admin);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toContain("text/csv");
    const csv = await download.text();
    expect(csv).toContain("Themes merged");
    expect(csv).toContain("financing merged into training; codings moved: 1.");
    expect(csv).not.toContain("Theme spare deleted.");
    expect(query(app.databasePath, "select details from audit_log where action = 'audit.export'")).toEqual([
      { details: JSON.stringify({ rows: 1, filters: { action: "theme.merge" } }) },
    ]);
  });
});
