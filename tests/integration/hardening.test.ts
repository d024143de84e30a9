import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
const admin = new CookieJar();

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  admin.take(await app.handle(formPost("/organiser/login", { email: "admin@example.org", password: "correct horse battery" }), app.nextAddress()));
});

const count = (table: string) => query<{ n: number }>(app.databasePath, `select count(*) as n from ${table}`)[0]!.n;
const get = (path: string, jar: CookieJar) => app.handle(new Request(BASE + path, { headers: { Cookie: jar.header(), "Accept-Language": "es" } }));
const post = (path: string, fields: Record<string, string>, jar?: CookieJar, address = "192.0.2.1") =>
  app.handle(formPost(path, fields, { ...(jar ? { Cookie: jar.header() } : {}), "Accept-Language": "es" }), address);
const choices = { __shown: "likes_fruit,channels,size", _action: "save" };

describe("the honeypot", () => {
  it("refuses a form whose hidden field was filled or is missing, in the respondent's language, storing nothing", async () => {
    const before = count("responses");
    const filled = await post("/q/demo/s/choices", { ...choices, likes_fruit: "1", reference_code: "http://spam.example" });
    expect(filled.status).toBe(400);
    expect(await filled.text()).toContain("No se pudo aceptar el formulario");
    const missing = await app.handle(
      new Request(`${BASE}/q/demo/s/choices`, { method: "POST", body: new URLSearchParams({ ...choices, likes_fruit: "1" }) }),
      "192.0.2.2",
    );
    expect(missing.status).toBe(400);
    expect(count("responses")).toBe(before);
  });
});

describe("two windows on the same response", () => {
  it("never overwrite each other silently", async () => {
    const jar = new CookieJar();
    jar.take(await post("/q/demo/s/choices", { ...choices, likes_fruit: "2" }, jar));
    const page = await (await get("/q/demo/s/choices", jar)).text();
    const seen = page.match(/name="_saved" value="([^"]+)"/)![1]!;

    // The second window saves first...
    expect((await post("/q/demo/s/choices", { ...choices, likes_fruit: "1", _saved: seen }, jar)).status).toBe(302);
    // ...then the first one, which saw the older answers, is stopped with a clear message and keeps its entries.
    const stale = await post("/q/demo/s/choices", { ...choices, likes_fruit: "2", channels: "3", _saved: seen }, jar);
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Estas respuestas se guardaron desde otra ventana");
    expect(html).toMatch(/value="3"[^>]*checked|checked[^>]*value="3"/);
    const [response] = query<{ id: string }>(app.databasePath, "select id from responses order by created_at desc limit 1");
    expect(query(app.databasePath, "select value from answers where response_id = ? and variable = 'likes_fruit'", response!.id)).toEqual([{ value: "1" }]);

    // Saving again from that page, now that it has seen the other window's answers, goes through.
    const fresh = html.match(/name="_saved" value="([^"]+)"/)![1]!;
    expect((await post("/q/demo/s/choices", { ...choices, likes_fruit: "2", channels: "3", _saved: fresh }, jar)).status).toBe(302);
    expect(query(app.databasePath, "select value from answers where response_id = ? and variable = 'likes_fruit'", response!.id)).toEqual([{ value: "2" }]);
  });
});

describe("public saves", () => {
  it("are rate-limited per address with a 429 in the respondent's language", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await post("/q/demo/s/choices", { ...choices }, undefined, "198.51.100.7")).status);
    expect(statuses.slice(0, 120).every((s) => s === 302)).toBe(true);
    const refused = await post("/q/demo/s/choices", { ...choices }, undefined, "198.51.100.7");
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Demasiados guardados");
    // Another address is not affected.
    expect((await post("/q/demo/s/choices", { ...choices }, undefined, "198.51.100.8")).status).toBe(302);
  });
});
