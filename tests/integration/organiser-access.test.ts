import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";

/**
 * Every organiser route, read from app/routes, so a new route cannot be forgotten:
 * each must refuse a visitor without a session, and a coder where a coder may not go.
 */
function organiserPaths(): string[] {
  return fs
    .readdirSync("app/routes")
    .filter((f) => /^organiser[._]/.test(f) || f === "organiser.tsx")
    .filter((f) => f !== "organiser_.login.tsx")
    .map((file) => {
      const segments = file
        .replace(/\.tsx?$/, "")
        .split(/\.(?![^[]*\])/)
        .filter((s) => s !== "_index")
        .map((s) =>
          s
            .replace(/_$/, "")
            .replace(/^\$.*/, "00000000-0000-4000-8000-000000000000")
            .replace(/\[\.\]/g, "."),
        );
      return "/" + segments.join("/");
    });
}

// The only organiser pages a coder may open.
const CODER_ALLOWED = new Set([
  "/organiser",
  "/organiser/logout",
  "/organiser/coding",
  "/organiser/coding/00000000-0000-4000-8000-000000000000",
  // Every account's own: its password and second factor, and the code page (which sends a signed-in session on).
  "/organiser/account",
  "/organiser/account/two-factor",
  "/organiser/two-factor",
]);

let app: Awaited<ReturnType<typeof loadApp>>;
const coder = new CookieJar();

beforeAll(async () => {
  app = await loadApp();
  await createAccount(app.databasePath, "coder@example.org", "coder");
  const login = await app.handle(formPost("/organiser/login", { email: "coder@example.org", password: "correct horse battery" }));
  expect(login.status).toBe(302);
  coder.take(login);
});

describe("organiser routes", () => {
  const paths = organiserPaths();

  it("are found in the route files", () => {
    expect(paths).toEqual(
      expect.arrayContaining(["/organiser", "/organiser/responses", "/organiser/export", "/organiser/users", "/organiser/audit"]),
    );
  });

  it.each(paths)("%s refuses a visitor without a session, for GET and POST", async (path) => {
    for (const request of [new Request(BASE + path), formPost(path, { intent: "create" })]) {
      const response = await app.handle(request);
      if (response.status === 405) continue; // a POST where the page has no form at all
      expect(response.status, `${request.method} ${path}`).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/organiser(\/login|$)/);
    }
  });

  it.each(paths.filter((p) => !CODER_ALLOWED.has(p)))("%s refuses a coder", async (path) => {
    for (const request of [
      new Request(BASE + path, { headers: { Cookie: coder.header() } }),
      formPost(path, { intent: "create" }, { Cookie: coder.header() }),
    ]) {
      const response = await app.handle(request);
      if (request.method === "POST" && response.status === 405) continue; // no form on that page
      // The role is checked before anything else, so even a missing response says 403, not 404.
      expect(response.status, `${request.method} ${path}`).toBe(403);
    }
  });
});
