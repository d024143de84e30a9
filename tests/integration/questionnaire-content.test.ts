import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, formPost, loadApp } from "../support/app";

// The built app (npm run build), with its own database, driven without a browser.
let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  app = await loadApp();
});

const post = (pathname: string, fields: Record<string, string>, jar: CookieJar) =>
  app.handle(formPost(pathname, fields, { Cookie: jar.header() }), app.nextAddress()).then((r) => jar.take(r));

/** A respondent who has answered the first page (no sector chosen), as their browser's cookies. */
async function startedResponse(): Promise<CookieJar> {
  const jar = new CookieJar();
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
