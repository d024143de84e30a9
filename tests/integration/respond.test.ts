import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/test-env";

// The built app (npm run build), with its own database, driven without a browser.
const databasePath = path.join(tempDir(), "consulta.db");
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  process.env.DATABASE_PATH = databasePath;
  process.env.ORGANISER_PASSWORD = "integration-secret";
  const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
  const handler = createRequestHandler(build, "production");
  handle = (request) => handler(request);
});

const base = "http://localhost";

function post(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return handle(
    new Request(base + pathname, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    }),
  );
}

function rows(sql: string, ...params: unknown[]) {
  const db = new Database(databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

describe("answering through the Remix request handler", () => {
  it("sends the default questionnaire from / in the language asked for", async () => {
    const first = await handle(new Request(`${base}/?lng=es`));
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/q/pre-regm?lng=es");
    const page = await handle(new Request(`${base}/q/pre-regm/s/about?lng=es`));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("¿En qué tipo de organización trabaja usted?");
    expect(page.headers.get("Set-Cookie")).toContain("lng=");
  });

  it("refuses a form with a missing answer with a 400 in Spanish and stores nothing", async () => {
    const response = await post(
      "/q/pre-regm/s/about?lng=es",
      { __shown: "org_type,country,role", country: "MX", _action: "next" },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Por favor, responda esta pregunta.");
    expect(rows("select * from responses")).toEqual([]);
  });

  it("stores a valid answer with its codes, then submits it from the review page", async () => {
    const saved = await post(
      "/q/pre-regm/s/about",
      { __shown: "org_type,country,role", org_type: "96", org_type__other: "Fundación", country: "GT", role: "Analista", _action: "next" },
      { "Accept-Language": "es-MX,es;q=0.9" },
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/q/pre-regm/review");
    const cookie = saved.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(rows("select status, language from responses")).toEqual([{ status: "draft", language: "es" }]);

    const review = await handle(new Request(`${base}/q/pre-regm/review`, { headers: { Cookie: cookie, "Accept-Language": "es" } }));
    const html = await review.text();
    expect(html).toContain("Otro: Fundación");
    expect(html).toContain("Guatemala");

    const submitted = await post("/q/pre-regm/review", {}, { Cookie: cookie });
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe("/q/pre-regm/thanks");
    const [stored] = rows("select * from responses");
    expect(stored).toMatchObject({ status: "submitted", language: "es", questionnaire_id: "pre-regm", questionnaire_version: 1 });
    expect(stored!.submitted_at).toBeTruthy();
    const answers = rows("select variable, state, value, other_text from answers order by variable");
    expect(answers).toEqual([
      { variable: "country", state: "answered", value: '"GT"', other_text: null },
      { variable: "org_type", state: "answered", value: "96", other_text: "Fundación" },
      { variable: "role", state: "answered", value: '"Analista"', other_text: null },
    ]);

    // Locked: the same browser can change nothing any more.
    const again = await post(
      "/q/pre-regm/s/about",
      { __shown: "org_type,country,role", org_type: "1", country: "MX", _action: "next" },
      { Cookie: cookie },
    );
    expect(again.status).toBeLessThan(500);
    expect(rows("select value from answers where variable = 'org_type'")).toEqual([{ value: "96" }]);
  });

  it("answers bad input with a 4xx, never a 500", async () => {
    const unknown = await handle(new Request(`${base}/q/no-such-questionnaire/s/about?lng=es`));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Esta página no existe");
    const badSection = await post("/q/pre-regm/s/nope", { org_type: "1" });
    expect(badSection.status).toBe(404);
    const garbage = await post("/q/pre-regm/s/about", { org_type: "<script>", country: "??", role: "x".repeat(5000) });
    expect(garbage.status).toBe(400);
  });

  it("guards the coded export with the organiser password", async () => {
    expect((await handle(new Request(`${base}/organiser/export.csv`))).status).toBe(401);
    const wrong = await handle(
      new Request(`${base}/organiser/export.csv`, { headers: { Authorization: `Basic ${btoa("x:wrong-password")}` } }),
    );
    expect(wrong.status).toBe(401);
    const ok = await handle(
      new Request(`${base}/organiser/export.csv`, { headers: { Authorization: `Basic ${btoa("x:integration-secret")}` } }),
    );
    expect(ok.status).toBe(200);
    const csv = await ok.text();
    expect(csv).toContain("org_type,org_type_other,country,role");
    expect(csv).toContain(",96,Fundación,GT,Analista");
  });
});
