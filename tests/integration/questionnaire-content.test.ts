import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, formPost, loadApp } from "../support/app";
import { giveConsent } from "../support/consent";
import { query } from "../support/db";

// The built app (npm run build), with its own database, driven without a browser.
let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  app = await loadApp();
});

const post = (pathname: string, fields: Record<string, string>, jar: CookieJar) =>
  app.handle(formPost(pathname, fields, { Cookie: jar.header() }), app.nextAddress()).then((r) => jar.take(r));

/** A respondent who has answered the first page (no sector chosen), as their browser's cookies. */
async function startedResponse(): Promise<CookieJar> {
  const jar = await giveConsent((request) => app.handle(request, app.nextAddress()));
  const about = {
    __shown: "org_type,country,scope,role,years,areas",
    org_type: "1",
    country: "MX",
    scope: "2",
    years: "3",
    areas: "97",
  };
  expect((await post("/q/pre-regm/s/about", { ...about, _action: "next" }, jar)).status).toBe(302);
  return jar;
}

/** The practices page as the server sends it back with three examples (two required answers left out: a 400). */
async function practicesWithThreeExamples(language: string) {
  const fields: Record<string, string> = { __shown: "ppp_ex,practice", _action: "next" };
  for (const i of [0, 1, 2]) {
    fields[`ppp_ex[${i}].name`] = `Alianza ${i + 1}`;
    fields[`ppp_ex[${i}].main_country`] = "MX";
  }
  const response = await post(`/q/pre-regm/s/practices?lng=${language}`, fields, await startedResponse());
  expect(response.status).toBe(400);
  return response.text();
}

/** What a browser downloads for a page: the document and the stylesheets and scripts it links, gzip-compressed. */
function bytesOnTheWire(html: string): number {
  const assets = [...html.matchAll(/<(?:link rel="stylesheet"|script)[^>]*?(?:href|src)="(\/[^"]+)"/g)].map((m) => m[1]!);
  const assetBytes = assets.map((url) => gzipSync(fs.readFileSync(path.join("public", url.split("?")[0]!))).length);
  return gzipSync(html).length + assetBytes.reduce((a, b) => a + b, 0);
}

describe("the practices page with three PPP examples", () => {
  it("sends the list of countries once, not once per example", async () => {
    const html = await practicesWithThreeExamples("es");
    // Guatemala, under its UN name, in the one shared list only.
    expect(html.split(">Guatemala<").length + html.split('value="Guatemala"').length - 2).toBe(1);
    expect(html).toContain("Saint Kitts y Nevis");
    expect(html.match(/<datalist /g)).toHaveLength(1);
    // Each example's country field names the shared list and shows the answer's UN name.
    expect(html.match(/list="[^"]+"/g)).toHaveLength(3);
    expect(html.match(/value="México"/g)?.length).toBeGreaterThanOrEqual(3);
  });

  // Before the shared list: 11.1 KB on the wire (gzip hides the repeats) but 62 KB of HTML for a phone to parse;
  // after, 43 KB: three examples of eleven questions each, and one list of names.
  it("weighs at most 15 KB on the wire and 48 KB unpacked", async () => {
    for (const language of ["en", "es"]) {
      const html = await practicesWithThreeExamples(language);
      expect(bytesOnTheWire(html), language).toBeLessThanOrEqual(15 * 1024);
      expect(html.length, language).toBeLessThanOrEqual(48 * 1024);
    }
  });
});

describe("the follow-ups of the content review, as a respondent without script meets them", () => {
  const FOLLOW_UP_SHOWN = "cite,meetings,email";

  it("asks the name and organisation to print when the respondent chooses to be cited by name", async () => {
    const jar = await startedResponse();
    const fields = { __shown: FOLLOW_UP_SHOWN, cite: "1", _action: "next" };
    const opened = await post("/q/pre-regm/s/follow_up?lng=es", fields, jar);
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain("Su nombre, tal como la UNODC puede publicarlo");
    expect(html).toContain("Su organización, tal como la UNODC puede publicarla");
    const shown = `${FOLLOW_UP_SHOWN},cite_name,cite_org`;
    expect((await post("/q/pre-regm/s/follow_up?lng=es", { ...fields, __shown: shown }, jar)).status).toBe(400);
    const named = { ...fields, __shown: shown, cite_name: "Ana Pérez", cite_org: "Fundación Ejemplo" };
    expect((await post("/q/pre-regm/s/follow_up?lng=es", named, jar)).status).toBe(302);
  });

  it("asks for an e-mail address when the respondent wants to be invited to meetings", async () => {
    const jar = await startedResponse();
    const fields = { __shown: FOLLOW_UP_SHOWN, cite: "3", meetings: "1", _action: "next" };
    const opened = await post("/q/pre-regm/s/follow_up?lng=en", fields, jar);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("at which email address may UNODC invite you?");
    const shown = "cite,meetings,email_invite";
    expect((await post("/q/pre-regm/s/follow_up?lng=en", { ...fields, __shown: shown }, jar)).status).toBe(400);
    const given = { ...fields, __shown: shown, email_invite: "ana@example.org" };
    expect((await post("/q/pre-regm/s/follow_up?lng=en", given, jar)).status).toBe(302);
  });

  it("takes “not relevant to this sector” in a challenge grid", async () => {
    const jar = await giveConsent((request) => app.handle(request, app.nextAddress()));
    const about = { __shown: "org_type,country,scope,role,years,areas", org_type: "1", country: "GY", scope: "2", years: "1" };
    expect((await post("/q/pre-regm/s/about", { ...about, areas: "1", _action: "next" }, jar)).status).toBe(302);
    const page = await (
      await app.handle(new Request("http://localhost/q/pre-regm/s/ch_supply?lng=es", { headers: { Cookie: jar.header() } }))
    ).text();
    expect(page).toContain("No es pertinente para este sector");
    const rows: Record<string, string> = {};
    for (let row = 1; row <= 10; row++) rows[`chal_sc.r${row}`] = row === 8 ? "-55" : "2";
    const saved = await post("/q/pre-regm/s/ch_supply", { __shown: "chal_sc,chal_sc_main", ...rows, _action: "next" }, jar);
    expect(saved.status).toBe(302);
    const [stored] = query(
      app.databasePath,
      "select value from answers where variable = 'chal_sc' order by updated_at desc limit 1",
    );
    expect(JSON.parse((stored as { value: string }).value)).toMatchObject({ "7": 2, "8": -55 });
  });
});
