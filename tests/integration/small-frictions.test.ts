import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { CookieJar, loadApp, pages } from "../support/app";
import { giveConsent } from "../support/consent";
import { execute } from "../support/db";

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
  const values = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(3, "0");
    const organisation = i % 2 ? "Ministry of Justice" : "Police";
    return `('seed-${n}', 'demo', 'Expert ${n}', 'expert${n}@example.org', '${organisation}', 'es', '', '', '', 'hash-${n}', '2026-11-0${1 + (i % 9)}T07:16:00.000Z')`;
  });
  execute(
    app.databasePath,
    `insert into invitations (id, questionnaire_id, name, email, organisation, language, country, region, sector, token_hash, created_at)
     values ${values.join(", ")}`,
  );
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
    expect(page).toMatch(/role="status"[^>]*>Se agregó la invitación para Ana Pérez\. Su enlace/);
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

describe("respondent orientation", () => {
  const about = { __shown: "org_type,country,scope,role,years,areas", org_type: "1", country: "MX", scope: "2", years: "3" };

  it("says why the number of sections grew when the areas chosen add sections", async () => {
    const jar = await giveConsent(app.handle);
    const first = await html(get("/q/pre-regm/s/about", jar, english));
    const total = Number(first.match(/Section 1 of (\d+)/)![1]);
    expect(first).not.toContain("your answers added");
    const saved = await post("/q/pre-regm/s/about", { ...about, areas: "1", _action: "next" }, jar);
    expect(saved.headers.get("Location")).toBe("/q/pre-regm/s/ch_supply");
    const next = await html(get("/q/pre-regm/s/ch_supply", jar, english));
    expect(next).toContain(`Section 2 of ${total + 1} — your answers added 1 section`);
    const es = await html(get("/q/pre-regm/s/ch_supply", jar, spanish));
    expect(es).toContain(`Sección 2 de ${total + 1}: sus respuestas añadieron 1 sección`);
  });

  it("shows each PPP example on the review page as a list of labelled answers", async () => {
    const jar = await giveConsent(app.handle);
    await post("/q/pre-regm/s/about", { ...about, areas: "97", _action: "next" }, jar);
    const examples = {
      __shown: "ppp_ex,practice",
      "ppp_ex[0].name": "Alianza Norte",
      "ppp_ex[0].main_country": "MX",
      "ppp_ex[0].activities": "Training of truck drivers",
      "ppp_ex[0].may_cite": "1",
      _action: "next",
    };
    expect((await post("/q/pre-regm/s/practices", examples, jar)).status).toBe(302);
    const review = await html(get("/q/pre-regm/review", jar, english));
    expect(review).toMatch(
      /<li><strong>Example 1<\/strong><ul><li><span class="field-label">Name of the partnership:<\/span> Alianza Norte<\/li><li><span class="field-label">Main country where it works:<\/span> Mexico<\/li>/,
    );
    expect(review).toContain('<span class="field-label">What does the partnership do?:</span> Training of truck drivers');
  });

  it("says “Skip to main content” in the organiser area", async () => {
    const page = await html(get("/organiser/invitations?q=demo", admin, english));
    expect(page).toContain('<a class="skip" href="#main">Skip to main content</a>');
  });
});

describe("response detail", () => {
  it("names the response's language and gives dates in the reader's style", async () => {
    const jar = await giveConsent(app.handle, { query: "lng=es" });
    expect(
      (
        await post(
          "/q/pre-regm/s/about?lng=es",
          {
            ...{ __shown: "org_type,country,scope,role,years,areas" },
            org_type: "1",
            country: "MX",
            scope: "2",
            years: "3",
            areas: "97",
            _action: "next",
          },
          jar,
        )
      ).status,
    ).toBe(302);
    const list = await html(get("/organiser/responses?q=pre-regm", admin, english));
    const id = list.match(/\/organiser\/responses\/([0-9a-f-]{36})/)![1]!;
    const detail = await html(get(`/organiser/responses/${id}`, admin, english));
    expect(detail).toMatch(/<dt>Language<\/dt><dd>Spanish<\/dd>/);
    expect(detail).toMatch(/<dt>Started<\/dt><dd>\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}<\/dd>/);
    expect(detail).toContain("Times are given in UTC.");
    const es = await html(get(`/organiser/responses/${id}`, admin, spanish));
    expect(es).toMatch(/<dd>español<\/dd>/);
    expect(es).toMatch(/<dd>\d{1,2} [a-z]{3} \d{4}, \d{1,2}:\d{2}<\/dd>/);
    expect(es).toContain("No alcanzada");
  });

  it("shows each PPP example as labelled answers, as the review page does, with a year as typed", async () => {
    const jar = await giveConsent(app.handle);
    const about = { __shown: "org_type,country,scope,role,years,areas", org_type: "1", country: "MX", scope: "2", years: "3" };
    await post("/q/pre-regm/s/about", { ...about, areas: "97", _action: "next" }, jar);
    const examples = {
      __shown: "ppp_ex,practice",
      "ppp_ex[0].name": "Alianza Sur",
      "ppp_ex[0].year": "2019",
      "ppp_ex[0].activities": "Hotline for workers",
      "ppp_ex[0].may_cite": "1",
      _action: "next",
    };
    expect((await post("/q/pre-regm/s/practices", examples, jar)).status).toBe(302);
    const list = await html(get("/organiser/responses?q=pre-regm", admin, english));
    const ids = [...list.matchAll(/\/organiser\/responses\/([0-9a-f-]{36})/g)].map((m) => m[1]!);
    const details = await Promise.all(ids.map((id) => html(get(`/organiser/responses/${id}`, admin, english))));
    const detail = details.find((d) => d.includes("Alianza Sur"))!;
    expect(detail).toMatch(
      /<li><strong>Example 1<\/strong><ul><li><span class="field-label">Name of the partnership:<\/span> Alianza Sur<\/li>/,
    );
    expect(detail).toMatch(/<span class="field-label">[^<]*[Yy]ear[^<]*:<\/span> 2019<\/li>/);
  });
});
