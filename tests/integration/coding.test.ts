import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";
import { havenRead, readstatRows } from "../support/sav-readers";
import { tempDir } from "../support/test-env";

let app: Awaited<ReturnType<typeof loadApp>>;
const admin = new CookieJar();
const ana = new CookieJar();
const ben = new CookieJar();

async function signIn(jar: CookieJar, email: string) {
  jar.take(await app.handle(formPost("/organiser/login", { email, password: "correct horse battery" }), app.nextAddress()));
}
const get = (path: string, jar: CookieJar) => app.handle(new Request(BASE + path, { headers: { Cookie: jar.header() } }));
const post = (path: string, fields: Record<string, string> | FormData, jar: CookieJar) =>
  app.handle(formPost(path, fields, { Cookie: jar.header() }));

/** A submitted demo response whose project story is the given text ("" leaves it unanswered). */
async function respond(story: string) {
  const expert = new CookieJar();
  const steps: Array<[string, Record<string, string>]> = [
    ["choices", { __shown: "likes_fruit,channels,size", likes_fruit: "2", channels: "97" }],
    ["facts", { __shown: "name,story,staff,started,contact,based_in", name: "Project", story }],
    ["examples", { __shown: "example,agree", agree: "on" }],
  ];
  for (const [section, fields] of steps)
    expert.take(await app.handle(formPost(`/q/demo/s/${section}`, { ...fields, _action: "next" }, { Cookie: expert.header() })));
  expect((await app.handle(formPost("/q/demo/review", {}, { Cookie: expert.header() }))).status).toBe(302);
}

const STORIES = ["We trained hotel staff.", "Banks shared typologies.", "A hotline with NGOs.", "=cmd story"];

beforeAll(async () => {
  // A third language folder, as a translator would drop it in, and enabled: themes can be labelled in it too.
  const locales = tempDir("consulta-locales-");
  for (const language of ["en", "es"])
    fs.cpSync(path.resolve("locales", language), path.join(locales, language), { recursive: true });
  fs.mkdirSync(path.join(locales, "fr"));
  fs.writeFileSync(path.join(locales, "fr", "common.json"), "{}");
  app = await loadApp({ ENABLE_DEMO: "1", LOCALES_DIR: locales, LANGUAGES: "en,es,fr" });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  await createAccount(app.databasePath, "ana@example.org", "coder");
  await createAccount(app.databasePath, "ben@example.org", "coder");
  await signIn(admin, "admin@example.org");
  await signIn(ana, "ana@example.org");
  await signIn(ben, "ben@example.org");
  for (const story of [...STORIES, ""]) await respond(story);
});

/** What the coding screen shows: the answers' ids in order and the themes' ids by code. */
async function codingScreen(jar: CookieJar, query = "") {
  const page = await (await get(`/organiser/coding/story?q=demo${query}`, jar)).text();
  const responseIds = [...page.matchAll(/name="answer" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const themes = Object.fromEntries(
    [...page.matchAll(/id="t-1-([a-z_]+)" name="themes\.[0-9a-f-]{36}" value="([0-9a-f-]{36})"/g)].map((m) => [m[1]!, m[2]!]),
  );
  return { page, responseIds, themes };
}

/**
 * Saves the coding screen as a coder would: the themes ticked, "no theme applies" ticked ("none"),
 * notes written; every answer the coder does not mention is sent as the page shows it, untouched.
 */
async function codePage(jar: CookieJar, decisions: Record<number, string[] | "none">, notes: Record<number, string> = {}) {
  const { responseIds, themes } = await codingScreen(jar);
  const form = new FormData();
  responseIds.forEach((id, i) => {
    form.append("answer", id);
    const decision = decisions[i];
    if (decision === "none") form.set(`none.${id}`, "on");
    else for (const code of decision ?? []) form.append(`themes.${id}`, themes[code]!);
    form.set(`note.${id}`, notes[i] ?? "");
  });
  return { response: await post("/organiser/coding/story?q=demo", form, jar), responseIds, themes };
}

/** How many answers to the story the coder has coded, as the coding overview tells them. */
async function codedByMe(jar: CookieJar) {
  const overview = await (await get("/organiser/coding?q=demo", jar)).text();
  return Number(/<td>(\d+) \/ 4<\/td>/.exec(overview)?.[1]);
}

describe("qualitative coding", () => {
  it("seeds the questionnaire's own themes, worded in its namespace, with a label per language", async () => {
    const seeded = await post("/organiser/themes", { q: "demo", intent: "seed" }, admin);
    expect(await seeded.text()).toContain("4 themes added.");
    expect(
      query(
        app.databasePath,
        `select theme_labels.language, theme_labels.label from theme_labels join themes on themes.id = theme_labels.theme_id
         where themes.code = 'financing' and themes.questionnaire_id = 'demo' order by language`,
      ),
    ).toEqual([
      { language: "en", label: "Money" },
      { language: "es", label: "Dinero" },
    ]);
    const again = await post("/organiser/themes", { q: "demo", intent: "seed" }, admin);
    expect(await again.text()).toContain("0 themes added.");
    // Pre-REGM's themes are its own, not the demonstration's.
    expect(await (await post("/organiser/themes", { q: "pre-regm", intent: "seed" }, admin)).text()).toContain(
      "11 themes added.",
    );
    expect(
      (
        await post(
          "/organiser/themes",
          { q: "demo", intent: "create", code: "Bad Code", "label.en": "x", "label.es": "x" },
          admin,
        )
      ).status,
    ).toBe(400);
  });

  it("lets an admin label a theme in a third language folder, which coders working in it then read", async () => {
    const page = await (await get("/organiser/themes?q=demo&lng=fr", admin)).text();
    expect(page).toContain('name="label.fr"');
    const id = /name="id" value="([0-9a-f-]{36})"/.exec(page.slice(page.indexOf(">financing<")))![1]!;
    const saved = await post(
      "/organiser/themes",
      { q: "demo", intent: "update", id, "label.en": "Money", "label.es": "Dinero", "label.fr": "Argent", "description.en": "" },
      admin,
    );
    expect(saved.status).toBe(200);
    expect((await codingScreen(ana, "&lng=fr")).page).toContain(">Argent<");
    // A language left empty falls back to English; the questionnaire's own languages cannot be left empty.
    expect((await codingScreen(ana, "&lng=fr")).page).toContain(">Training<");
    const emptySpanish = await post(
      "/organiser/themes",
      { q: "demo", intent: "update", id, "label.en": "Money", "label.es": "" },
      admin,
    );
    expect(emptySpanish.status).toBe(400);
  });

  it("records only the answers a coder decided: untouched answers stay not coded", async () => {
    const overview = await (await get("/organiser/coding?q=demo", ana)).text();
    expect(overview).toContain("/organiser/coding/story?q=demo");
    expect(overview).not.toContain("/organiser/coding/contact");
    expect((await get("/organiser/coding/contact?q=demo", ana)).status).toBe(404);

    // Ana decides three answers (the third explicitly has no theme) and leaves the fourth alone.
    const first = await codePage(ana, { 0: ["training"], 1: ["financing", "legal_basis"], 2: "none" }, { 1: "Project Protect?" });
    expect(first.response.status).toBe(200);
    expect(await codedByMe(ana)).toBe(3);
    const screen = await codingScreen(ana);
    expect(screen.page).toContain("Project Protect?");
    expect(screen.page.match(/Not coded yet/g)).toHaveLength(1);

    // Saving the page again without a change changes nothing.
    const before = query(app.databasePath, "select response_id, updated_at from codings order by response_id");
    await codePage(ana, { 0: ["training"], 1: ["financing", "legal_basis"], 2: "none" }, { 1: "Project Protect?" });
    expect(query(app.databasePath, "select response_id, updated_at from codings order by response_id")).toEqual(before);

    // Ben codes two answers; a note alone on the fourth is a memo, not a coding.
    await codePage(ben, { 0: ["training"], 1: ["financing"] }, { 3: "Ask Ana about this one." });
    expect(await codedByMe(ben)).toBe(2);
    expect((await codingScreen(ben)).page).toContain("Ask Ana about this one.");
  });

  it("refuses a theme that does not exist, or themes together with 'no theme applies', and stores nothing", async () => {
    const [id] = query<{ id: string }>(app.databasePath, "select id from responses limit 1");
    const form = new FormData();
    form.append("answer", id!.id);
    form.append(`themes.${id!.id}`, "not-a-theme");
    expect((await post("/organiser/coding/story?q=demo", form, ana)).status).toBe(400);
    expect(query(app.databasePath, "select count(*) as n from coding_themes where theme_id = 'not-a-theme'")).toEqual([{ n: 0 }]);

    const { responseIds, themes } = await codingScreen(ana);
    const both = new FormData();
    both.append("answer", responseIds[3]!);
    both.append(`themes.${responseIds[3]}`, themes.training!);
    both.set(`none.${responseIds[3]}`, "on");
    const refused = await post("/organiser/coding/story?q=demo&lng=es", both, ana);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Ningún tema");
    expect(await codedByMe(ana)).toBe(3);
  });

  it("computes agreement over the answers both coders coded, with percent agreement and the disagreements to resolve", async () => {
    const overview = await (await get("/organiser/coding?q=demo", admin)).text();
    // Both coded answers 1 and 2. training: both tag answer 1 -> 100 %, kappa 1;
    // legal_basis: Ana tags answer 2, Ben does not -> 50 %, kappa 0.
    expect(overview).toMatch(/Training<\/td><td>2<\/td><td>100%<\/td><td>1\.00<\/td>/);
    expect(overview).toMatch(/Legal basis<\/td><td>2<\/td><td>50%<\/td><td>0\.00<\/td>/);
    const { responseIds } = await codingScreen(admin);
    // One disagreement (answer 2), linked to the answer on the coding screen.
    const links = [...overview.matchAll(/href="(\/organiser\/coding\/story\?q=demo&amp;answer=([0-9a-f-]{36})[^"]*)"/g)];
    expect(links.map((m) => m[2])).toEqual([responseIds[1]]);
    const target = await (await get(links[0]![1]!.replaceAll("&amp;", "&"), admin)).text();
    expect(target).toContain(`id="code-${responseIds[1]}"`);
  });

  it("shows agreement as a compact table per question, without the themes nobody used", async () => {
    const overview = await (await get("/organiser/coding?q=demo", admin)).text();
    const tables = [...overview.matchAll(/<table class="agreement">([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toContain("Agreement between coders on ");
    expect(tables[0]).toMatch(/<td>(ana – ben|ben – ana)<\/td><td>Training<\/td>/);
    // Awareness was ticked by neither coder: no row, no "not defined".
    expect(tables[0]).toContain("Money"); // financing, relabelled above
    expect(tables[0]).not.toContain("Awareness");
    expect(overview).not.toContain("not defined");
    // The disagreement reads as a sentence and leads to the answer.
    expect(overview).toMatch(
      />(ana: Legal basis, Money — ben: Money|ben: Money — ana: Legal basis, Money)\. Open the answer<\/a>/,
    );
  });

  it("exports theme columns with -66 for answers not coded yet, and the coding file with coders' names", async () => {
    const file = await post("/organiser/export/file", { q: "demo", format: "zip" }, admin);
    const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const name = (suffix: string) => Object.keys(files).find((n) => n.endsWith(suffix))!;
    const parse = (suffix: string) =>
      Papa.parse<Record<string, string>>(strFromU8(files[name(suffix)]!).replace(/^\uFEFF/, ""), {
        header: true,
        skipEmptyLines: true,
      }).data;
    const coded = parse("-coded.csv");
    const story = (text: string) => coded.find((r) => r.story === text)!;
    expect(story(STORIES[0]!)).toMatchObject({ story__training: "1", story__financing: "0" });
    expect(story(STORIES[2]!)).toMatchObject({ story__training: "0", story__awareness: "0" });
    // Nobody decided the fourth answer (Ben only wrote a memo): not coded yet, not "no answer".
    const untouched = coded.find((r) => r.story!.endsWith("=cmd story"))!;
    expect(untouched.story__training).toBe("-66");
    expect(coded.find((r) => r.story === "-99")!.story__training).toBe("-99");

    const codebook = parse("-codebook.csv");
    const training = codebook.find((r) => r.variable === "story__training")!;
    expect(training.missing_codes_en).toContain("-66 = Not coded yet");
    expect(training.missing_codes_en).toContain("-99 = No answer");
    expect(strFromU8(files["README.txt"]!)).toContain("-66 not coded yet");
    expect(strFromU8(files[name(".sps")]!)).toContain("story__training (-66, -99, -88)");

    const coding = parse("-coding.csv");
    expect(
      coding
        .filter((r) => r.theme === "financing")
        .map((r) => r.coder_name)
        .sort(),
    ).toEqual(["ana", "ben"]);
    expect(coding.find((r) => r.note === "Project Protect?")).toMatchObject({ coder_name: "ana", coded: "1" });
    expect(coding.find((r) => r.note === "Ask Ana about this one.")).toMatchObject({ coder_name: "ben", coded: "0", theme: "" });
  });

  it("writes the theme columns into the zip's .sav, -66 labelled and declared user-missing", async () => {
    const file = await post("/organiser/export/file", { q: "demo", format: "zip" }, admin);
    const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const sav = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "consulta-coding-sav-")), "coded.sav");
    fs.writeFileSync(sav, files[Object.keys(files).find((n) => n.endsWith(".sav") && !n.endsWith("-items.sav"))!]!);
    const [header, ...rows] = readstatRows(sav);
    const column = header!.indexOf("story__training");
    expect(rows.map((r) => Number(r[column]))).toContain(-66);
    const training = havenRead(sav).variables.find((v) => v.name === "story__training")!;
    expect(training.naValues.map(Number).sort((a, b) => a - b)).toEqual([-99, -88, -66]);
    expect(training.labels).toContainEqual({ code: "-66", label: "Not coded yet" });

    // The same file on its own, as the export page's "SPSS data file" gives it.
    const alone = await post("/organiser/export/file", { q: "demo", format: "sav", labels: "es" }, admin);
    expect(alone.headers.get("content-type")).toBe("application/x-spss-sav");
    expect(alone.headers.get("content-disposition")).toMatch(/demo-v\d+-\d{4}-\d{2}-\d{2}\.sav/);
    fs.writeFileSync(sav, new Uint8Array(await alone.arrayBuffer()));
    expect(readstatRows(sav)).toEqual([header, ...rows]);
    expect(havenRead(sav).variables.find((v) => v.name === "story__training")!.labels).toContainEqual({
      code: "-66",
      label: "Aún sin codificar",
    });
    fs.rmSync(path.dirname(sav), { recursive: true, force: true });
  });
});
