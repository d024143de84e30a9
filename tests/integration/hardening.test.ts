import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
const admin = new CookieJar();

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  admin.take(
    await app.handle(
      formPost("/organiser/login", { email: "admin@example.org", password: "correct horse battery" }),
      app.nextAddress(),
    ),
  );
});

const count = (table: string) => query<{ n: number }>(app.databasePath, `select count(*) as n from ${table}`)[0]!.n;
const get = (path: string, jar: CookieJar) =>
  app.handle(new Request(BASE + path, { headers: { Cookie: jar.header(), "Accept-Language": "es" } }));
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
    expect(
      query(app.databasePath, "select value from answers where response_id = ? and variable = 'likes_fruit'", response!.id),
    ).toEqual([{ value: "1" }]);

    // Saving again from that page, now that it has seen the other window's answers, goes through.
    const fresh = html.match(/name="_saved" value="([^"]+)"/)![1]!;
    expect((await post("/q/demo/s/choices", { ...choices, likes_fruit: "2", channels: "3", _saved: fresh }, jar)).status).toBe(
      302,
    );
    expect(
      query(app.databasePath, "select value from answers where response_id = ? and variable = 'likes_fruit'", response!.id),
    ).toEqual([{ value: "2" }]);
  });
});

describe("public saves", () => {
  it("are rate-limited per address with a 429 in the respondent's language", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++)
      statuses.push((await post("/q/demo/s/choices", { ...choices }, undefined, "198.51.100.7")).status);
    expect(statuses.slice(0, 120).every((s) => s === 302)).toBe(true);
    const refused = await post("/q/demo/s/choices", { ...choices }, undefined, "198.51.100.7");
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Demasiados guardados");
    // Another address is not affected.
    expect((await post("/q/demo/s/choices", { ...choices }, undefined, "198.51.100.8")).status).toBe(302);
  });
});

describe("every refusal for too many requests", () => {
  /** Repeats a request until a limit refuses it, and gives that refusal. */
  async function driveToLimit(send: (i: number) => Promise<Response>, most: number) {
    for (let i = 0; i < most; i++) {
      const response = await send(i);
      if (response.status === 429) return response;
    }
    throw new Error(`no 429 after ${most} requests`);
  }
  // Each from its own address, so that one limit does not hide another.
  const limits: Record<string, () => Promise<Response>> = {
    "sign-in": () =>
      driveToLimit(
        (i) => post("/organiser/login", { email: "nobody@example.org", password: `guess${i}` }, undefined, "203.0.113.1"),
        30,
      ),
    "resume code": () => driveToLimit((i) => post("/q/demo/resume", { code: `WRONG${i}` }, undefined, "203.0.113.2"), 20),
    "section save": () => driveToLimit(() => post("/q/demo/s/choices", { ...choices }, undefined, "203.0.113.3"), 200),
    review: () => driveToLimit(() => post("/q/demo/review", {}, undefined, "203.0.113.4"), 200),
  };

  it.each(Object.keys(limits))("%s: a 429 that says when to come back, in the visitor's language", async (name) => {
    const refused = await limits[name]!();
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Demasiados/);
  });

  it("are all made in one place, which sets Retry-After", () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        return e.isDirectory() ? sources(file) : /\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\./.test(e.name) ? [file] : [];
      });
    // A status of 429 in code, in any form the app or Express could write it (not a mention in prose).
    const sends429 = /\bstatus\s*:\s*429\b|\b(status|sendStatus)\(\s*429\b/;
    const with429 = [...sources("app"), "server.mjs"].filter((file) => sends429.test(fs.readFileSync(file, "utf8")));
    expect(with429).toEqual([path.join("app", "utils", "rate-limit.server.ts")]);
  });
});
