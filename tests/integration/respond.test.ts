import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { giveConsent } from "../support/consent";
import { query } from "../support/db";

// The built app (npm run build), with its own database, driven without a browser.
let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  // The build runs as in production, where sessions and resume links need a signing secret.
  app = await loadApp({ SESSION_SECRET: "integration-secret-that-is-long-enough-0123456789" });
  await createAccount(app.databasePath, "organiser@example.org", "organiser");
  await createAccount(app.databasePath, "coder@example.org", "coder");
});

const handle = (request: Request) => app.handle(request);
const post = (pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  handle(formPost(pathname, fields, headers));
const rows = (sql: string, ...params: unknown[]) => query(app.databasePath, sql, ...params);

/** The questions the about section shows to anyone who is not a private actor. */
const ABOUT_SHOWN = "org_type,country,scope,role,years,areas";
const FOLLOW_UP_SHOWN = "cite,meetings,email";
/** The organisers' download of the coded dataset. */
const EXPORT = { path: "/organiser/export/file", fields: { q: "pre-regm", format: "coded" } };

async function signIn(email: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const response = jar.take(
    await app.handle(formPost("/organiser/login", { email, password: "correct horse battery" }), app.nextAddress()),
  );
  expect(response.status).toBe(302);
  return jar;
}

describe("answering through the Remix request handler", () => {
  it("sends the default questionnaire from / in the language asked for", async () => {
    const first = await handle(new Request(`${BASE}/?lng=es`));
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/q/pre-regm?lng=es");
    const start = await handle(new Request(`${BASE}/q/pre-regm?lng=es`));
    expect(start.status).toBe(200);
    expect(start.headers.get("Set-Cookie")).toContain("lng=");
    expect(await start.text()).toContain("Oficina de las Naciones Unidas contra la Droga y el Delito");
    const jar = await giveConsent(handle, { query: "lng=es" });
    const page = await handle(new Request(`${BASE}/q/pre-regm/s/about?lng=es`, { headers: { Cookie: jar.header() } }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("¿En qué tipo de organización trabaja usted?");
  });

  it("refuses a form with a missing answer with a 400 in Spanish and stores nothing", async () => {
    const jar = await giveConsent(handle);
    const before = rows("select * from answers");
    const response = await post(
      "/q/pre-regm/s/about?lng=es",
      { __shown: ABOUT_SHOWN, country: "MX", _action: "next" },
      { Cookie: jar.header() },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Por favor, responda esta pregunta.");
    expect(rows("select * from answers")).toEqual(before);
  });

  it("stores a valid answer with its codes, then submits it from the review page", async () => {
    const jar = await giveConsent(handle, { headers: { "Accept-Language": "es-MX,es;q=0.9" } });
    const cookie = jar.header();
    const saved = await post(
      "/q/pre-regm/s/about",
      {
        __shown: ABOUT_SHOWN,
        org_type: "96",
        org_type__other: "Fundación",
        country: "GT",
        scope: "2",
        role: "Analista",
        years: "3",
        areas: "97",
        _action: "next",
      },
      { Cookie: cookie, "Accept-Language": "es-MX,es;q=0.9" },
    );
    expect(saved.status).toBe(302);
    // "None of these" areas: no challenge page applies, the best practices come next.
    expect(saved.headers.get("Location")).toBe("/q/pre-regm/s/practices");
    expect(rows("select status, language from responses where status = 'draft' order by created_at desc limit 1")).toEqual([
      { status: "draft", language: "es" },
    ]);

    // The optional sections may stay empty; the last one leads to the review.
    const consented = await post(
      "/q/pre-regm/s/follow_up",
      { __shown: FOLLOW_UP_SHOWN, cite: "3", _action: "next" },
      { Cookie: cookie, "Accept-Language": "es" },
    );
    expect(consented.status).toBe(302);
    expect(consented.headers.get("Location")).toBe("/q/pre-regm/review");

    const review = await handle(
      new Request(`${BASE}/q/pre-regm/review`, { headers: { Cookie: cookie, "Accept-Language": "es" } }),
    );
    const html = await review.text();
    expect(html).toContain("Otro: Fundación");
    expect(html).toContain("Guatemala");
    expect(html).toContain("Ninguna de estas");
    expect(html).not.toContain("Retos en las cadenas de suministro");

    const submitted = await post("/q/pre-regm/review", {}, { Cookie: cookie });
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe("/q/pre-regm/thanks");
    const [stored] = rows("select * from responses where status = 'submitted'");
    expect(stored).toMatchObject({ status: "submitted", language: "es", questionnaire_id: "pre-regm", questionnaire_version: 2 });
    expect(stored!.submitted_at).toBeTruthy();
    const answers = rows(
      "select variable, state, value, other_text from answers where response_id = ? order by variable",
      stored!.id,
    );
    expect(answers).toEqual([
      { variable: "areas", state: "answered", value: "[97]", other_text: null },
      { variable: "cite", state: "answered", value: "3", other_text: null },
      { variable: "cite_name", state: "not_shown", value: null, other_text: null },
      { variable: "cite_org", state: "not_shown", value: null, other_text: null },
      { variable: "consent", state: "answered", value: "true", other_text: null },
      { variable: "country", state: "answered", value: '"GT"', other_text: null },
      { variable: "email", state: "empty", value: null, other_text: null },
      { variable: "email_invite", state: "not_shown", value: null, other_text: null },
      { variable: "industry", state: "not_shown", value: null, other_text: null },
      { variable: "meetings", state: "empty", value: null, other_text: null },
      { variable: "org_type", state: "answered", value: "96", other_text: "Fundación" },
      { variable: "role", state: "answered", value: '"Analista"', other_text: null },
      { variable: "scope", state: "answered", value: "2", other_text: null },
      { variable: "years", state: "answered", value: "3", other_text: null },
    ]);

    // Locked: the same browser can change nothing any more.
    const again = await post(
      "/q/pre-regm/s/about",
      { __shown: ABOUT_SHOWN, org_type: "1", country: "MX", scope: "1", years: "1", areas: "1", _action: "next" },
      { Cookie: cookie },
    );
    expect(again.status).toBeLessThan(500);
    expect(rows("select value from answers where variable = 'org_type' and response_id = ?", stored!.id)).toEqual([
      { value: "96" },
    ]);
  });

  it("asks a private company its industry on the same page before moving on", async () => {
    const fields = { __shown: ABOUT_SHOWN, org_type: "4", country: "PA", scope: "2", years: "2", areas: "2", _action: "next" };
    const jar = await giveConsent(handle, { query: "lng=es" });
    const first = jar.take(await post("/q/pre-regm/s/about?lng=es", fields, { Cookie: jar.header() }));
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain("¿En qué industria trabaja principalmente su organización?");
    expect(html).toContain("Según sus respuestas, hay nuevas preguntas en esta página.");
    const cookie = jar.header();
    // Now shown, the industry is required like the rest.
    const missing = await post(
      "/q/pre-regm/s/about?lng=es",
      { ...fields, __shown: `${ABOUT_SHOWN},industry` },
      { Cookie: cookie },
    );
    expect(missing.status).toBe(400);
    const answered = await post(
      "/q/pre-regm/s/about?lng=es",
      { ...fields, __shown: `${ABOUT_SHOWN},industry`, industry: "1" },
      { Cookie: cookie },
    );
    expect(answered.status).toBe(302);
    expect(answered.headers.get("Location")).toBe("/q/pre-regm/s/ch_fin");
  });

  it("answers bad input with a 4xx, never a 500", async () => {
    const unknown = await handle(new Request(`${BASE}/q/no-such-questionnaire/s/about?lng=es`));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Esta página no existe");
    const badSection = await post("/q/pre-regm/s/nope", { org_type: "1" });
    expect(badSection.status).toBe(404);
    const jar = await giveConsent(handle);
    const garbage = await post(
      "/q/pre-regm/s/about",
      { org_type: "<script>", country: "??", role: "x".repeat(5000), areas: "-1" },
      { Cookie: jar.header() },
    );
    expect(garbage.status).toBe(400);
  });

  it("guards the coded export: signed-in organisers only", async () => {
    const anonymous = await post(EXPORT.path, EXPORT.fields);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/organiser\/login/);
    const coder = await signIn("coder@example.org");
    expect((await post(EXPORT.path, EXPORT.fields, { Cookie: coder.header() })).status).toBe(403);

    const organiser = await signIn("organiser@example.org");
    const ok = await post(EXPORT.path, EXPORT.fields, { Cookie: organiser.header() });
    expect(ok.status).toBe(200);
    const csv = await ok.text();
    expect(csv).toContain(
      "org_type,org_type_other,industry,industry_other,country,scope,role,years,areas___1,areas___2,areas___3,areas___97",
    );
    expect(csv).toContain(",96,Fundación,-88,-88,GT,2,Analista,3,0,0,0,1,");
    // Contact details stay out of an ordinary export.
    expect(csv.split("\r\n")[0]).not.toMatch(/(^|,)email(,|$)/);
  });
});
