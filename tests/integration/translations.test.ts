import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { tempDir } from "../support/test-env";

/**
 * The admins' translation status page. The app reads LOCALES_DIR once, when the build is
 * imported, so it is set before loadApp: the app's own languages (the questionnaires need
 * their texts to start) plus the half-done French of tests/fixtures/locales, a language
 * added by dropping in a folder.
 */
let app: Awaited<ReturnType<typeof loadApp>>;
const admin = new CookieJar();
const organiser = new CookieJar();
let frenchCommon: Record<string, unknown>;
let locales: string;

beforeAll(async () => {
  locales = path.join(tempDir("consulta-locales-"), "locales");
  fs.cpSync(path.resolve("locales"), locales, { recursive: true, filter: (source) => !source.endsWith(".md") });
  fs.cpSync(path.resolve("tests/fixtures/locales/fr"), path.join(locales, "fr"), { recursive: true });
  frenchCommon = JSON.parse(fs.readFileSync(path.join(locales, "fr", "common.json"), "utf8")) as Record<string, unknown>;

  app = await loadApp({ LOCALES_DIR: locales });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  await createAccount(app.databasePath, "organiser@example.org", "organiser");
  for (const [jar, email] of [
    [admin, "admin@example.org"],
    [organiser, "organiser@example.org"],
  ] as const) {
    const login = await app.handle(formPost("/organiser/login", { email, password: "correct horse battery" }), app.nextAddress());
    expect(login.status).toBe(302);
    jar.take(login);
  }
});

const get = (pathname: string, jar?: CookieJar, headers: Record<string, string> = {}) =>
  app.handle(new Request(BASE + pathname, { headers: { ...(jar ? { Cookie: jar.header() } : {}), ...headers } }));

/** The page's text, tags removed, entities decoded: what a person reads. */
function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<wbr\s*\/?>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** The rows of the table whose caption matches, as cell texts. */
function tableRows(html: string, caption: RegExp): string[][] {
  const table = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)]
    .map((m) => m[1]!)
    .find((t) => caption.test(textOf(t.match(/<caption[^>]*>([\s\S]*?)<\/caption>/)?.[1] ?? "")));
  expect(table, `a table captioned ${caption}`).toBeDefined();
  const body = table!.match(/<tbody>([\s\S]*?)<\/tbody>/)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!).trim()),
  );
}

describe("the translations page", () => {
  it("sends a visitor to the sign-in page, for GET and POST", async () => {
    for (const request of [new Request(`${BASE}/organiser/translations`), formPost("/organiser/translations", {})]) {
      const response = await app.handle(request);
      expect(response.status, request.method).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/organiser\/login/);
    }
  });

  it("is refused to an organiser who is not an admin, for GET and POST", async () => {
    expect((await get("/organiser/translations", organiser)).status).toBe(403);
    expect((await app.handle(formPost("/organiser/translations", {}, { Cookie: organiser.header() }))).status).toBe(403);
  });

  it("is read-only: an admin's POST changes nothing and is refused", async () => {
    const response = await app.handle(formPost("/organiser/translations", {}, { Cookie: admin.header() }));
    expect(response.status).toBe(405);
    expect(textOf(await response.text())).toContain("nothing can be changed here");
  });

  it("shows an admin the completion of English and Spanish, per language and per area", async () => {
    const response = await get("/organiser/translations?lng=en", admin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<title>Translations – Consulta<\/title>/);
    expect(textOf(html)).toContain("Translations");

    const summary = tableRows(html, /^Completion of each language/);
    const en = summary.find((r) => r[0]!.startsWith("English (en)"))!;
    const es = summary.find((r) => r[0]!.startsWith("Spanish (es)"))!;
    expect(en).toEqual([
      "English (en) Offered to respondents: must be complete",
      expect.stringMatching(/^100% ([\d,]+) of \1 texts$/),
      "Nothing",
    ]);
    expect(es).toEqual([
      "Spanish (es) Offered to respondents: must be complete",
      expect.stringMatching(/^100% ([\d,]+) of \1 texts$/),
      "Nothing",
    ]);

    // Per area: the respondents' pages, the organisers' area and each questionnaire, by its title.
    const areas = tableRows(html, /^Completion by area: Spanish$/);
    expect(areas.map((r) => r[0])).toEqual(
      expect.arrayContaining([
        "Respondents' pages",
        "Organisers' area",
        expect.stringMatching(/^Questionnaire before the Regional Expert Group Meeting/),
      ]),
    );
    expect(areas.every((r) => r[1]!.startsWith("100% "))).toBe(true);

    // The headers say what each cell is.
    expect(html).toMatch(/<th scope="col">Language<\/th>/);
    expect(html).toMatch(/<th scope="row">/);
  });

  it("says which languages are offered (LANGUAGES) and which are only in the folder", async () => {
    const text = textOf(await (await get("/organiser/translations?lng=en", admin)).text());
    expect(text).toContain("Offered to respondents and invitees (the LANGUAGES setting): English (en), Spanish (es).");
    expect(text).toContain("In the folder but not offered: French (fr).");
  });

  it("does not offer respondents or the invitation form French, present but not enabled", async () => {
    const page = await (await get("/q/pre-regm?lng=fr", undefined, { "Accept-Language": "fr" })).text();
    expect(page).toMatch(/<html lang="en"/);
    expect(page).not.toMatch(/<option[^>]*value="fr"/);
    const invitations = await (await get("/organiser/invitations?lng=en", admin)).text();
    expect(invitations).toMatch(/<option[^>]*value="es"/);
    expect(invitations).not.toMatch(/<option[^>]*value="fr"/);
  });

  it("lists French, added by dropping in a folder, with its completion and what is missing or broken", async () => {
    const html = await (await get("/organiser/translations?lng=en", admin)).text();
    const summary = tableRows(html, /^Completion of each language/);
    const fr = summary.find((r) => r[0]!.startsWith("French (fr)"))!;
    expect(fr, "French in the summary").toBeDefined();
    // Not enabled, so not required by the check, and far from complete: a few texts of the fixture only.
    expect(fr[0]).toBe("French (fr) Not offered: once complete, add fr to LANGUAGES to offer it");
    const [, completion, toCheck] = fr;
    const [, percent, done, expected] = completion!
      .match(/^(\d+)% ([\d,]+) of ([\d,]+) texts$/)!
      .map((n) => Number(n.replace(/,/g, "")));
    expect(percent).toBeLessThan(20);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(expected!);
    expect(toCheck).toMatch(/^\d+ texts$/);

    const areas = tableRows(html, /^Completion by area: French$/);
    expect(areas.find((r) => r[0] === "Organisers' area")).toEqual([
      "Organisers' area",
      expect.stringMatching(/^0% 0 of [\d,]+ texts$/),
    ]);

    const problems = tableRows(html, /^French: [\d,]+ texts to check$/);
    const row = (file: string, key: string) => problems.find((r) => r[0] === file && r[1] === key);
    // A text English has and French lacks (the fixture leaves out thanks.title): its English text
    // and the problem in words.
    const english = JSON.parse(fs.readFileSync("locales/en/common.json", "utf8")) as { thanks: { title: string } };
    expect(frenchCommon).not.toHaveProperty("thanks");
    expect(row("locales/fr/common.json", "thanks.title")).toEqual([
      "locales/fr/common.json",
      "thanks.title",
      english.thanks.title,
      "Missing: English shows instead.",
    ]);
    // A translated text is not listed.
    expect(frenchCommon).toHaveProperty("form.next");
    expect(row("locales/fr/common.json", "form.next")).toBeUndefined();
    // The fixture's other faults, in words.
    expect(row("locales/fr/organiser.json", "(the whole file)")?.[3]).toMatch(
      /^The file is missing: its [\d,]+ texts show in English until they are translated\.$/,
    );
    expect(row("locales/fr/common.json", "form.progress")?.[3]).toBe(
      "The placeholder {{total}} of the English text is missing. {{totl}} is not a placeholder of the English text (renamed or translated?).",
    );
    expect(row("locales/fr/common.json", "errors.minChoices_many")?.[3]).toMatch(
      /^The plural form “many” is missing: French uses it for some numbers/,
    );
    expect(row("locales/fr/common.json", "form.obsolete")?.[3]).toBe(
      "Not in the English file: nothing shows it (a renamed or misspelt key?).",
    );
  });

  it("speaks the admin's language", async () => {
    const html = await (await get("/organiser/translations?lng=es", admin)).text();
    expect(html).toMatch(/<title>Traducciones – Consulta<\/title>/);
    const summary = tableRows(html, /^Avance de cada idioma/);
    expect(summary.find((r) => r[0]!.startsWith("español (es)"))).toEqual([
      "español (es) Se ofrece a las personas encuestadas: debe estar completo",
      expect.stringMatching(/^100 % ([\d.\s]+) de \1 textos$/),
      "Nada",
    ]);
    expect(summary.find((r) => r[0]!.startsWith("francés (fr)"))).toBeDefined();
    const problems = tableRows(html, /^francés: [\d.\s]+ textos por revisar$/);
    expect(problems.some((r) => r[3] === "Falta: se muestra el texto en inglés.")).toBe(true);
  });
});

describe("the XLIFF download of the translations page", () => {
  const post = (fields: Record<string, string>, jar: CookieJar, headers: Record<string, string> = {}) =>
    app.handle(formPost("/organiser/translations.xlf", fields, { Cookie: jar.header(), ...headers }));

  it("is offered to an admin, with the languages to translate into", async () => {
    const html = await (await get("/organiser/translations?lng=en", admin)).text();
    expect(html).toMatch(/<form method="post" action="\/organiser\/translations.xlf"/);
    expect(html).toMatch(/<option value="fr">French(<!-- -->)? \((<!-- -->)?fr/);
    expect(html).not.toContain('<option value="en">');
  });

  it("gives an admin the language's XLIFF 1.2 file by POST, its untranslated texts without a target", async () => {
    const response = await post({ language: "fr" }, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/xliff+xml; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="consulta-fr.xlf"');
    const xml = await response.text();
    expect(xml).toContain('source-language="en" target-language="fr"');
    expect(xml).toContain(
      '<trans-unit id="form.next" resname="form.next"><source>Next</source><target state="translated">Suivant</target>',
    );
    expect(xml).toMatch(/<trans-unit id="thanks.title" resname="thanks.title"><source>[^<]+<\/source><note>/);
    // The questionnaire's texts say where they appear.
    expect(xml).toMatch(/<note>Questionnaire “[^”]+” \(pre-regm\), section 1/);
  });

  it("refuses English or an unknown language with a 400 in the admin's language, and a GET leads to the page", async () => {
    const english = await post({ language: "en" }, admin, { "Accept-Language": "es" });
    expect(english.status).toBe(400);
    expect(await english.text()).toContain("el inglés es el texto de origen");
    expect((await post({ language: "../etc" }, admin)).status).toBe(400);
    const page = await get("/organiser/translations.xlf", admin);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/organiser/translations");
  });

  it("is refused to an organiser who is not an admin", async () => {
    expect((await post({ language: "fr" }, organiser)).status).toBe(403);
  });
});

describe("the new checks on the translations page", () => {
  it("names markup and a broken JSON file with its line and column, in the admin's language", async () => {
    const demo = path.join(locales, "fr", "demo.json");
    const broken = path.join(locales, "fr", "organiser.json");
    fs.writeFileSync(demo, JSON.stringify({ title: "<b>Questionnaire</b> de démonstration" }));
    fs.writeFileSync(broken, '{\n  "nav": { "home": "L"accueil" }\n}\n');
    try {
      const html = await (await get("/organiser/translations?lng=es", admin)).text();
      const problems = tableRows(html, /^francés: [\d.\s]+ textos por revisar$/);
      expect(problems).toContainEqual([
        "locales/fr/demo.json",
        "title",
        "Demonstration questionnaire",
        "Contiene marcas (<b> </b>) que se verían tal cual: elimínelas.",
      ]);
      expect(problems.find((r) => r[0] === "locales/fr/organiser.json")).toEqual([
        "locales/fr/organiser.json",
        "línea 2, columna 23",
        "—",
        expect.stringMatching(/^No es JSON válido en esta línea y columna/),
      ]);
    } finally {
      fs.rmSync(demo);
      fs.rmSync(broken);
    }
  });
});
