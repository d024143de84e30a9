import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
let organiser: CookieJar;

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  organiser = await signedIn(app, "organiser@example.org", "organiser");
});

const get = (path: string, jar?: CookieJar, language = "en") =>
  app.handle(new Request(BASE + path, { headers: { "Accept-Language": language, ...(jar ? { Cookie: jar.header() } : {}) } }));
const post = (path: string, fields: Record<string, string>, jar?: CookieJar, language = "en") =>
  app.handle(formPost(path, fields, { "Accept-Language": language, ...(jar ? { Cookie: jar.header() } : {}) }));

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const setDates = (opensOn: string, closesOn: string) =>
  post("/organiser/consultation", { q: "demo", opensOn, closesOn }, organiser);
const draftAnswers = (responseId: string) =>
  query(app.databasePath, "select variable, value from answers where response_id = ? order by variable", responseId);

describe("consultation dates", () => {
  it("shows the closing day on the first page in the respondent's language", async () => {
    expect((await setDates("", "2099-12-15")).status).toBe(200);
    expect(await (await get("/q/demo/s/choices")).text()).toContain("Open until 15 December 2099.");
    expect(await (await get("/q/demo/s/choices", undefined, "es")).text()).toContain("Abierta hasta el 15 de diciembre de 2099.");
    expect(query(app.databasePath, "select details from audit_log where action = 'consultation.dates'")).toContainEqual({
      details: JSON.stringify({ opensOn: null, closesOn: "2099-12-15" }),
    });
  });

  it("after the closing day refuses saves and submissions, keeps the draft, and takes answers again once extended", async () => {
    await setDates("", day(30));
    const expert = new CookieJar();
    const saved = expert.take(
      await post("/q/demo/s/choices", { __shown: "likes_fruit,channels,size", likes_fruit: "2", _action: "save" }, expert),
    );
    expect(saved.status).toBe(302);
    const [{ id }] = query<{ id: string }>(app.databasePath, "select id from responses order by created_at desc limit 1") as [
      { id: string },
    ];
    const before = draftAnswers(id);

    await setDates("", day(-1));
    const page = await get("/q/demo/s/choices", expert, "es");
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Esta consulta se cerró el");
    const refused = await post(
      "/q/demo/s/choices",
      { __shown: "likes_fruit,channels,size", likes_fruit: "1", _action: "save" },
      expert,
    );
    expect(refused.status).toBe(410);
    expect(await refused.text()).toContain("This consultation closed on");
    expect((await post("/q/demo/review", {}, expert)).status).toBe(410);
    expect(draftAnswers(id)).toEqual(before);
    expect(query(app.databasePath, "select status from responses where id = ?", id)).toEqual([{ status: "draft" }]);

    // The organiser extends the consultation: the same draft takes answers again.
    await setDates("", day(7));
    const again = await post(
      "/q/demo/s/choices",
      { __shown: "likes_fruit,channels,size", likes_fruit: "1", _action: "save" },
      expert,
    );
    expect(again.status).toBe(302);
  });

  it("before the opening day shows a page that says when it opens, and stores nothing", async () => {
    await setDates(day(3), day(30));
    const page = await get("/q/demo/s/choices");
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("This consultation opens on");
    const count = query(app.databasePath, "select count(*) as n from responses");
    const refused = await post("/q/demo/s/choices", { __shown: "likes_fruit,channels,size", likes_fruit: "2", _action: "save" });
    expect(refused.status).toBe(403);
    expect(query(app.databasePath, "select count(*) as n from responses")).toEqual(count);
    await setDates("", "");
  });

  it("refuses days that are not dates or in the wrong order, and a coder's change", async () => {
    const invalid = await post("/organiser/consultation", { q: "demo", opensOn: "", closesOn: "2026-02-30" }, organiser, "es");
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("Indique cada día como una fecha");
    const reversed = await setDates("2026-12-20", "2026-12-10");
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("The closing day cannot come before the opening day.");
    const coder = await signedIn(app, "coder@example.org", "coder");
    expect((await post("/organiser/consultation", { q: "demo", opensOn: "", closesOn: "2020-01-01" }, coder)).status).toBe(403);
    expect((await get("/organiser/consultation?q=demo", organiser)).headers.get("Location")).toBe(
      "/organiser/consultations/demo",
    );
  });
});
