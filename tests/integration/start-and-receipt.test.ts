import { beforeAll, describe, expect, it } from "vitest";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { giveConsent } from "../support/consent";
import { execute, query } from "../support/db";

// The built app (npm run build), with its own database, driven without a browser.
let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  app = await loadApp({ PRIVACY_CONTACT: "privacy@unodc.example.org", DRAFT_RETENTION_DAYS: "120" });
});

const get = (pathname: string, headers: Record<string, string> = {}) =>
  app.handle(new Request(`${BASE}${pathname}`, { headers }));
const post = (pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.handle(formPost(pathname, fields, headers));
const rows = (sql: string, ...params: unknown[]) => query(app.databasePath, sql, ...params);
const count = (table: string) => Number(rows(`select count(*) as n from ${table}`)[0]!.n);

const ABOUT = {
  __shown: "org_type,country,scope,role,years,areas",
  org_type: "6",
  country: "GT",
  scope: "2",
  years: "3",
  areas: "97",
  _action: "next",
};

/** A respondent who consents, answers what is required and submits; returns their browser. */
async function submitOne(email?: string): Promise<CookieJar> {
  const jar = await giveConsent(app.handle);
  const send = async (path: string, fields: Record<string, string>) => {
    const response = jar.take(await post(path, fields, { Cookie: jar.header() }));
    expect(response.status, path).toBe(302);
    return response;
  };
  await send("/q/pre-regm/s/about", ABOUT);
  await send("/q/pre-regm/s/follow_up", {
    __shown: "cite,meetings,email",
    cite: "2",
    ...(email ? { email } : {}),
    _action: "next",
  });
  const submitted = await send("/q/pre-regm/review", {});
  expect(submitted.headers.get("Location")).toBe("/q/pre-regm/thanks");
  return jar;
}

describe("the start page", () => {
  it("says who asks and why, how long it takes, until when, and how the data is handled, before any question", async () => {
    const now = new Date().toISOString();
    execute(
      app.databasePath,
      `insert into consultations (id, questionnaire_id, questionnaire_version, name, closes_on, created_at, updated_at)
       values ('pre-regm', 'pre-regm', 1, 'Pre-REGM', ?, ?, ?)
       on conflict (id) do update set closes_on = excluded.closes_on`,
      "2099-03-31",
      now,
      now,
    );
    const response = await get("/q/pre-regm");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("United Nations Office on Drugs and Crime (UNODC)");
    expect(html).toContain("Compendium of promising practices");
    // Derived from the definition (app/engine/time-estimate.ts), not written in the wording.
    expect(html).toMatch(/It takes about \d+ to \d+ minutes, depending on your answers\./);
    expect(html).toContain("Open until 31 March 2099.");
    for (const heading of ["Who holds your data", "What is collected", "Why", "How long it is kept", "Your rights", "Contact"])
      expect(html).toContain(`<dt>${heading}</dt>`);
    expect(html).toContain("deleted 120 days after their last save");
    expect(html).toContain('href="mailto:privacy@unodc.example.org"');
    // Resume by code comes before everything else on the page.
    expect(html.indexOf("/q/pre-regm/resume")).toBeLessThan(html.indexOf("<h1"));
    expect(html).toContain('name="consent"');
    expect(count("responses")).toBe(0);
  });

  it("stores nothing before consent: a section sent without it leads back to the start page, which says why", async () => {
    const before = { responses: count("responses"), answers: count("answers") };
    const response = await post("/q/pre-regm/s/about", ABOUT);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/q/pre-regm?consent=required");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect({ responses: count("responses"), answers: count("answers") }).toEqual(before);
    // Opening a section without consent leads to the start page too.
    const page = await get("/q/pre-regm/s/about");
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/q/pre-regm");

    const start = await get("/q/pre-regm?consent=required&lng=es");
    expect(await start.text()).toContain("Por favor, otorgue primero su consentimiento en esta página.");
  });

  it("refuses an unticked consent with a 400 in Spanish and stores nothing", async () => {
    const before = count("responses");
    const response = await post("/q/pre-regm?index&lng=es", { __shown: "consent", _action: "next" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Por favor, marque la casilla para dar su consentimiento.");
    expect(count("responses")).toBe(before);
  });

  it("on consent, creates the response with the consent as its only answer and opens the first section", async () => {
    const jar = new CookieJar();
    const response = jar.take(await post("/q/pre-regm?index", { __shown: "consent", consent: "on", _action: "next" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/q/pre-regm/s/about");
    const [created] = rows("select id, status, current_section from responses order by created_at desc limit 1");
    expect(created).toMatchObject({ status: "draft", current_section: "about" });
    expect(rows("select variable, state, value from answers where response_id = ?", created!.id)).toEqual([
      { variable: "consent", state: "answered", value: "true" },
    ]);
    // The link again: no consent asked twice, the questionnaire opens where the respondent stopped.
    const again = await get("/q/pre-regm", { Cookie: jar.header() });
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe("/q/pre-regm/s/about");
  });
});

describe("after submitting", () => {
  it("shows this browser its receipt at the link and at any section, and never starts a new draft", async () => {
    const jar = await submitOne();
    const before = count("responses");
    for (const path of ["/q/pre-regm", "/q/pre-regm/s/about", "/q/pre-regm/review"]) {
      const response = await get(path, { Cookie: jar.header() });
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location"), path).toBe("/q/pre-regm/thanks?again=1");
    }
    const consentAgain = await post(
      "/q/pre-regm?index",
      { __shown: "consent", consent: "on", _action: "next" },
      { Cookie: jar.header() },
    );
    expect(consentAgain.status).toBe(302);
    expect(consentAgain.headers.get("Location")).toBe("/q/pre-regm/thanks?again=1");
    expect(count("responses")).toBe(before);

    const [submitted] = rows(
      "select id, submitted_at from responses where status = 'submitted' order by submitted_at desc limit 1",
    );
    const receipt = await get("/q/pre-regm/thanks?again=1", { Cookie: jar.header(), "Accept-Language": "es" });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get("Cache-Control")).toBe("no-store");
    const html = await receipt.text();
    expect(html).toContain("Usted ya envió sus respuestas desde este dispositivo.");
    const reference = String(submitted!.id).replace(/-/g, "").slice(0, 8).toUpperCase();
    expect(html).toContain(`${reference.slice(0, 4)}-${reference.slice(4)}`);
    expect(html).toContain(
      new Intl.DateTimeFormat("es", { dateStyle: "long", timeZone: "UTC" }).format(new Date(String(submitted!.submitted_at))),
    );
    // Every answer, in the respondent's language, as the review showed it.
    expect(html).toContain("Sus respuestas");
    expect(html).toContain("Guatemala");
    expect(html).toContain("Organización no gubernamental o de la sociedad civil");
    expect(html).toContain('href="mailto:privacy@unodc.example.org"');
    // No address was given: no offer to send it.
    expect(html).not.toContain("Enviar este comprobante");
  });

  it("sends the receipt by e-mail to the address given, once however often it is asked", async () => {
    const jar = await submitOne("expert@example.org");
    const page = await (await get("/q/pre-regm/thanks", { Cookie: jar.header() })).text();
    expect(page).toContain("Send this receipt to expert@example.org");
    const first = await post("/q/pre-regm/thanks", {}, { Cookie: jar.header() });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/q/pre-regm/thanks?mail=queued");
    const second = await post("/q/pre-regm/thanks", {}, { Cookie: jar.header() });
    expect(second.headers.get("Location")).toBe("/q/pre-regm/thanks?mail=alreadyQueued");
    const mails = rows("select to_address, reply_to, subject, text_body from outbox where kind = 'receipt'");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: "expert@example.org", reply_to: "privacy@unodc.example.org" });
    expect(String(mails[0]!.subject)).toMatch(/^Your answers: .+ \(reference [0-9A-F]{4}-[0-9A-F]{4}\)$/);
    expect(String(mails[0]!.text_body)).toContain("Guatemala");
    const told = await (await get("/q/pre-regm/thanks?mail=alreadyQueued", { Cookie: jar.header() })).text();
    expect(told).toContain("The receipt has already been sent to expert@example.org.");
  });

  it("refuses to mail a receipt without a submitted response or an address, with a 4xx", async () => {
    const stranger = await post("/q/pre-regm/thanks", {});
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get("Location")).toBe("/q/pre-regm");
    const jar = await submitOne();
    const noAddress = await post("/q/pre-regm/thanks?lng=es", {}, { Cookie: jar.header() });
    expect(noAddress.status).toBe(400);
    expect(await noAddress.text()).toContain("No se indicó ninguna dirección de correo electrónico");
  });

  it("forgets the receipt on this device when asked, keeping the submitted answers", async () => {
    const jar = await submitOne();
    const submitted = count("responses");
    const forgotten = jar.take(await post("/q/pre-regm/thanks", { _action: "forget" }, { Cookie: jar.header() }));
    expect(forgotten.status).toBe(302);
    expect(forgotten.headers.get("Location")).toBe("/q/pre-regm/thanks?forgotten=1");
    const page = await (await get("/q/pre-regm/thanks?forgotten=1", { Cookie: jar.header() })).text();
    expect(page).toContain("This device no longer shows your receipt.");
    expect(page).not.toContain("Your answers</h2>");
    expect(count("responses")).toBe(submitted);
    expect((await get("/q/pre-regm", { Cookie: jar.header() })).status).toBe(200);
  });
});
