import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { CookieJar, loadApp, pages } from "../support/app";

let app: Awaited<ReturnType<typeof loadApp>>;
let admin: CookieJar;
let get: ReturnType<typeof pages>["get"];
let post: ReturnType<typeof pages>["post"];

/** A page's HTML without React's text separators. */
const html = async (response: Response | Promise<Response>) => (await (await response).text()).replaceAll("<!-- -->", "");

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  ({ get, post } = pages(app));
  admin = await signedIn(app, "admin@example.org", "admin");
});

const english = { "Accept-Language": "en" };
const spanish = { "Accept-Language": "es" };
const rows = (page: string) => page.split("<tbody>")[1]!.split("</tbody>")[0]!.split("<tr").slice(1);

/** Many invitations at once, as a large CSV import leaves them: straight into the database. */
function seedInvitations(count: number) {
  const db = new Database(app.databasePath);
  const insert = db.prepare(
    `insert into invitations (id, questionnaire_id, name, email, organisation, language, country, region, sector, token_hash, created_at)
     values (?, 'demo', ?, ?, ?, 'es', '', '', '', ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const n = String(i).padStart(3, "0");
      insert.run(
        `seed-${n}`,
        `Expert ${n}`,
        `expert${n}@example.org`,
        i % 2 ? "Ministry of Justice" : "Police",
        `hash-${n}`,
        `2026-11-0${1 + (i % 9)}T07:16:00.000Z`,
      );
    }
  })();
  db.close();
}

describe("invitations at scale", () => {
  beforeAll(() => seedInvitations(120));

  it("shows 50 a page with links to the next and previous pages", async () => {
    const first = await html(get("/organiser/invitations?q=demo", admin, english));
    expect(rows(first)).toHaveLength(50);
    expect(first).toContain("120 invitations (page 1 of 3)");
    expect(first).toContain('href="/organiser/invitations?q=demo&amp;page=2"');
    const last = await html(get("/organiser/invitations?q=demo&page=3", admin, english));
    expect(rows(last)).toHaveLength(20);
    expect(last).toContain("Previous page");
    expect(last).not.toContain("Next page");
  });

  it("searches name, e-mail address and organisation without script, and keeps the search while paging", async () => {
    const form = await html(get("/organiser/invitations?q=demo", admin, english));
    expect(form).toMatch(/<form method="get"[^>]*role="search"/);
    const byName = await html(get("/organiser/invitations?q=demo&s=expert%20007", admin, english));
    expect(rows(byName)).toHaveLength(1);
    expect(byName).toContain("1 invitation found");
    const byEmail = await html(get("/organiser/invitations?q=demo&s=EXPERT011%40", admin, english));
    expect(rows(byEmail)).toHaveLength(1);
    const byOrganisation = await html(get("/organiser/invitations?q=demo&s=justice", admin, english));
    expect(byOrganisation).toContain("60 invitations found (page 1 of 2)");
    expect(byOrganisation).toContain('href="/organiser/invitations?q=demo&amp;s=justice&amp;page=2"');
    // A LIKE wildcard is taken literally.
    const wildcard = await html(get("/organiser/invitations?q=demo&s=%25", admin, english));
    expect(wildcard).toContain("0 invitations found");
  });

  it("shows the language by name and times the British way, with the zone named once", async () => {
    const page = await html(get("/organiser/invitations?q=demo&s=expert%20000", admin, english));
    const [row] = rows(page);
    expect(row).toContain("<td>Spanish</td>");
    const es = await html(get("/organiser/invitations?q=demo&s=expert%20000", admin, spanish));
    expect(rows(es)[0]).toContain("<td>español</td>");
    expect(page).toContain("Times are given in UTC.");
    expect(page).not.toMatch(/\d UTC/);
  });

  it("confirms an invitation added, in the organiser's language", async () => {
    const fields = { q: "demo", intent: "add", name: "Ana Pérez", email: "ana@example.org", organisation: "", language: "es" };
    const added = await app.handle(
      new Request("http://localhost/organiser/invitations", {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: admin.header(), ...spanish },
      }),
    );
    expect(added.status).toBe(200);
    const page = await html(added);
    expect(page).toMatch(/role="status"[^>]*>Se agregó la invitación para Ana Pérez \(ana@example.org\)/);
    const again = await html(post("/organiser/invitations", fields, admin));
    expect(again).not.toContain("was added");
  });

  it("gives each personal link a read-only field the organiser script turns into a copy button", async () => {
    const page = await html(get("/organiser/invitations?q=demo&s=expert%20000", admin, english));
    const field = rows(page)[0]!.match(/<input id="link-[^>]+>/)![0];
    expect(field).toContain("readonly");
    expect(field).toContain('data-copy="Copy"');
    expect(field).toContain('data-copy-label="Copy the personal link of Expert 000"');
    // Without script there is no button: the script adds it.
    expect(page).not.toMatch(/<button[^>]*copy/);
    const script = page.match(/<script src="(\/build\/enhance\/organiser-[^"]+\.js)"/)![1]!;
    expect(script).toBeTruthy();
  });
});
