import { unzipSync, strFromU8 } from "fflate";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";

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

/** A submitted demo response whose project story is the given text. */
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

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  await createAccount(app.databasePath, "ana@example.org", "coder");
  await createAccount(app.databasePath, "ben@example.org", "coder");
  await signIn(admin, "admin@example.org");
  await signIn(ana, "ana@example.org");
  await signIn(ben, "ben@example.org");
  for (const story of ["We trained hotel staff.", "Banks shared typologies.", "A hotline with NGOs.", "=cmd story"])
    await respond(story);
});

async function codePage(jar: CookieJar, tags: Record<number, string[]>, notes: Record<number, string> = {}) {
  const page = await (await get("/organiser/coding/story?q=demo", jar)).text();
  const responseIds = [...page.matchAll(/name="answer" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const themes = Object.fromEntries(
    [...page.matchAll(/id="t-1-([a-z_]+)" name="themes\.[0-9a-f-]{36}" value="([0-9a-f-]{36})"/g)].map((m) => [m[1]!, m[2]!]),
  );
  const form = new FormData();
  responseIds.forEach((id, i) => {
    form.append("answer", id);
    for (const code of tags[i] ?? []) form.append(`themes.${id}`, themes[code]!);
    form.set(`note.${id}`, notes[i] ?? "");
  });
  return { response: await post("/organiser/coding/story?q=demo", form, jar), responseIds, themes };
}

describe("qualitative coding", () => {
  it("lets an admin seed the meeting's themes, in English and Spanish", async () => {
    const seeded = await post("/organiser/themes", { q: "demo", intent: "seed" }, admin);
    expect(await seeded.text()).toContain("11 themes added.");
    expect(query(app.databasePath, "select label_es from themes where code = 'financing'")).toEqual([
      { label_es: "Financiamiento sostenible" },
    ]);
    const again = await post("/organiser/themes", { q: "demo", intent: "seed" }, admin);
    expect(await again.text()).toContain("0 themes added.");
    expect(
      (await post("/organiser/themes", { q: "demo", intent: "create", code: "Bad Code", label_en: "x", label_es: "x" }, admin))
        .status,
    ).toBe(400);
  });

  it("shows coders the open answers only, and keeps each coder's tags apart", async () => {
    const overview = await (await get("/organiser/coding?q=demo", ana)).text();
    expect(overview).toContain("/organiser/coding/story?q=demo");
    expect(overview).not.toContain("/organiser/coding/contact");
    expect((await get("/organiser/coding/contact?q=demo", ana)).status).toBe(404);

    const first = await codePage(
      ana,
      { 0: ["training"], 1: ["financing", "legal_basis"], 2: ["awareness"], 3: [] },
      { 1: "Project Protect?" },
    );
    expect(first.response.status).toBe(200);
    await codePage(ben, { 0: ["training"], 1: ["financing"], 2: [], 3: [] });
    expect(query(app.databasePath, "select count(*) as n from codings")).toEqual([{ n: 8 }]);
    const reread = await (await get("/organiser/coding/story?q=demo", ana)).text();
    expect(reread).toContain("Project Protect?");
    expect(await (await get("/organiser/coding?q=demo", ana)).text()).toContain("4 / 4");
  });

  it("refuses a theme that does not exist, and stores nothing", async () => {
    const form = new FormData();
    const [id] = query<{ id: string }>(app.databasePath, "select id from responses limit 1");
    form.append("answer", id!.id);
    form.append(`themes.${id!.id}`, "not-a-theme");
    expect((await post("/organiser/coding/story?q=demo", form, ana)).status).toBe(400);
    expect(query(app.databasePath, "select count(*) as n from coding_themes where theme_id = 'not-a-theme'")).toEqual([{ n: 0 }]);
  });

  it("shows Cohen's kappa per theme between the two coders", async () => {
    const overview = await (await get("/organiser/coding?q=demo", admin)).text();
    // training: both tag answer 1 only -> kappa 1; awareness: Ana tags one answer, Ben none -> kappa 0.
    expect(overview).toMatch(/Industry-specific training<\/td><td>4<\/td><td>1\.00<\/td>/);
    expect(overview).toMatch(/Awareness raising<\/td><td>4<\/td><td>0\.00<\/td>/);
  });

  it("adds one 0/1 column per theme to the coded data and a long file of the coding", async () => {
    const file = await post("/organiser/export/file", { q: "demo", format: "zip" }, admin);
    const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const name = (suffix: string) => Object.keys(files).find((n) => n.endsWith(suffix))!;
    const coded = Papa.parse<Record<string, string>>(strFromU8(files[name("-coded.csv")]!).replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const trained = coded.find((r) => r.story === "We trained hotel staff.")!;
    expect(trained).toMatchObject({ story__training: "1", story__financing: "0" });
    // The coded file keeps text exactly as typed (formulas are guarded in the labelled files only).
    const formula = coded.find((r) => r.story === "=cmd story")!;
    expect(formula.story__training).toBe("0");
    const codebook = strFromU8(files[name("-codebook.csv")]!);
    expect(codebook).toContain("story__training");
    const coding = Papa.parse<Record<string, string>>(strFromU8(files[name("-coding.csv")]!).replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(coding.filter((r) => r.theme === "financing")).toHaveLength(2);
    expect(coding.find((r) => r.note === "Project Protect?")).toBeDefined();
  });
});
