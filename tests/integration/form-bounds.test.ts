import { beforeAll, describe, expect, it } from "vitest";
import { HONEYPOT_FIELD } from "../../app/components/honeypot";
import { BASE, loadApp } from "../support/app";
import { query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
});

const count = (table: string) => query<{ n: number }>(app.databasePath, `select count(*) as n from ${table}`)[0]!.n;
const PUBLIC_ACTIONS = [
  "/organiser/login",
  "/q/pre-regm/resume",
  "/q/pre-regm/s/about",
  "/q/demo/s/examples",
  "/q/pre-regm/review",
];

/** A body as an attacker writes it, sent as a form in Spanish. */
const raw = (path: string, body: string | FormData, contentType = "application/x-www-form-urlencoded") =>
  app.handle(
    new Request(BASE + path, {
      method: "POST",
      body,
      headers: { "Accept-Language": "es", ...(typeof body === "string" ? { "Content-Type": contentType } : {}) },
    }),
    app.nextAddress(),
  );

describe("a form built to make the server work", () => {
  it("with one name repeated 40,000 times is refused at once with a 413 in the sender's language", async () => {
    const body = `${HONEYPOT_FIELD}=&` + "email=a&".repeat(40_000);
    for (const path of PUBLIC_ACTIONS) {
      const response = await raw(path, body);
      expect(response.status, path).toBe(413);
      expect(await response.text(), path).toContain("demasiado grande");
    }
    expect(count("responses")).toBe(0);
  });

  it("with 5,000 levels of nesting, a huge index or a prototype key in a name is a 400, not a 500", async () => {
    for (const name of [
      "a" + "[0]".repeat(5000),
      "a" + ".b".repeat(5000),
      "ppp_ex[99999999].name",
      "__proto__.x",
      "about.constructor",
    ]) {
      for (const path of PUBLIC_ACTIONS) {
        const response = await raw(path, `${HONEYPOT_FIELD}=&_action=save&${encodeURIComponent(name)}=x`);
        expect(response.status, `${path} ${name.slice(0, 20)}`).toBe(400);
        expect(await response.text()).toContain("No se pudo leer el formulario");
      }
    }
    expect(count("responses")).toBe(0);
  });

  it("with Conform's reserved __state__ as bad JSON or as a file is a 400 on every public action", async () => {
    for (const path of PUBLIC_ACTIONS) {
      const bad = await raw(path, `${HONEYPOT_FIELD}=&email=a%40b.org&password=x&code=ABCDE-FGHJK&__state__=%7Bbad`);
      expect(bad.status, path).toBe(400);
      const asFile = new FormData();
      asFile.set(HONEYPOT_FIELD, "");
      asFile.set("email", "a@b.org");
      asFile.set("__state__", new Blob(["{}"], { type: "application/json" }), "state.json");
      const file = await raw(path, asFile);
      expect(file.status, path).toBe(400);
      expect(await file.text()).toContain("No se pudo leer el formulario");
    }
  });

  it("with an answer longer than any question allows is a 413", async () => {
    const response = await raw("/q/pre-regm/s/about", `${HONEYPOT_FIELD}=&_action=save&role=${"x".repeat(100_000)}`);
    expect(response.status).toBe(413);
    expect(count("answers")).toBe(0);
  });
});

describe("a real form", () => {
  it("with several options of a multiple choice ticked still goes through", async () => {
    const response = await raw(
      "/q/demo/s/choices",
      new URLSearchParams([
        [HONEYPOT_FIELD, ""],
        ["__shown", "likes_fruit,channels,size"],
        ["_action", "save"],
        ["likes_fruit", "1"],
        ...["1", "2", "3"].map((c): [string, string] => ["channels", c]),
      ]).toString(),
    );
    expect(response.status, await response.clone().text()).toBe(302);
  });
});
