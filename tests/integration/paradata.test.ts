import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { CookieJar, formPost, loadApp } from "../support/app";
import { giveConsent } from "../support/consent";

// The built app (npm run build), with its own database, driven without a browser.
let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  app = await loadApp({ SESSION_SECRET: "integration-secret-that-is-long-enough-0123456789" });
  await createAccount(app.databasePath, "organiser@example.org", "organiser");
});

const post = (pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.handle(formPost(pathname, fields, headers));

describe("paradata", () => {
  it("counts a respondent's switch of language between saves, as the organisers' download shows it", async () => {
    const about = {
      __shown: "org_type,country,scope,role,years,areas",
      org_type: "1",
      country: "MX",
      scope: "1",
      years: "1",
      areas: "1",
    };
    const expert = await giveConsent(app.handle, { query: "lng=es" });
    expect(
      expert.take(await post("/q/pre-regm/s/about?lng=es", { ...about, _action: "next" }, { Cookie: expert.header() })).status,
    ).toBe(302);
    // Back to the same page in English, saved again.
    const again = await post(
      "/q/pre-regm/s/about?lng=en",
      { ...about, years: "2", _action: "next" },
      { Cookie: expert.header() },
    );
    expect(again.status).toBe(302);

    const organiser = new CookieJar();
    organiser.take(
      await app.handle(
        formPost("/organiser/login", { email: "organiser@example.org", password: "correct horse battery" }),
        app.nextAddress(),
      ),
    );
    const download = await post(
      "/organiser/export/file",
      { q: "pre-regm", format: "paradata", status: "draft" },
      { Cookie: organiser.header() },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/-paradata\.csv/);
    const [row, ...others] = Papa.parse<Record<string, string>>((await download.text()).replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      status: "draft",
      language: "en",
      language_switches: "1",
      languages_used: "es;en",
      last_saved_section: "about",
      // The start page's consent and the about page.
      sections_saved: "2",
    });
    expect(Number(row!.seconds_about)).toBeGreaterThanOrEqual(0);
  });
});
