import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";
import { tempDir } from "../support/test-env";

let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  app = await loadApp();
});

const get = (path: string, jar: CookieJar) => app.handle(new Request(BASE + path, { headers: { Cookie: jar.header() } }));
const post = (path: string, fields: Record<string, string>, jar: CookieJar, language = "en") =>
  app.handle(formPost(path, fields, { Cookie: jar.header(), "Accept-Language": language }), "10.1.0.1");
const signIn = async (email: string, password: string) => {
  const jar = new CookieJar();
  const response = jar.take(await app.handle(formPost("/organiser/login", { email, password }), app.nextAddress()));
  return { jar, status: response.status };
};

describe("new accounts", () => {
  it("are offered the least-privileged role in the form", async () => {
    const admin = await signedIn(app, "admin@example.org", "admin");
    const page = await (await get("/organiser/users", admin)).text();
    const html = page.slice(page.indexOf('id="new-user"'));
    expect(html).toMatch(/<option value="coder" selected="">/);
    expect(html).not.toMatch(/<option value="admin" selected="">/);
  });

  it("are coders when npm run user:create is given no --role", () => {
    const databasePath = path.join(tempDir(), "cli.db");
    execFileSync("npx", ["tsx", "scripts/user-create.ts", "--email", "new@example.org"], {
      env: { ...process.env, DATABASE_PATH: databasePath, USER_PASSWORD: "correct horse battery" },
      stdio: "pipe",
    });
    expect(query(databasePath, "select role from users")).toEqual([{ role: "coder" }]);
  });
});

describe("changing one's own password", () => {
  it("needs the current password, and then signs out every other session but this one", async () => {
    const here = await signedIn(app, "coder@example.org", "coder");
    const elsewhere = (await signIn("coder@example.org", "correct horse battery")).jar;
    const wrong = await post(
      "/organiser/account",
      { current: "wrong", password: "a new long password", repeat: "a new long password" },
      here,
      "es",
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("La contraseña actual no es correcta.");
    const differ = await post(
      "/organiser/account",
      { current: "correct horse battery", password: "a new long password", repeat: "another one here" },
      here,
    );
    expect(differ.status).toBe(400);
    const short = await post(
      "/organiser/account",
      { current: "correct horse battery", password: "short", repeat: "short" },
      here,
    );
    expect(short.status).toBe(400);

    const changed = await post(
      "/organiser/account",
      { current: "correct horse battery", password: "a new long password", repeat: "a new long password" },
      here,
    );
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Your password is changed.");
    expect((await get("/organiser/coding", here)).status).toBe(200);
    expect((await get("/organiser/coding", elsewhere)).status).toBe(302);
    expect((await signIn("coder@example.org", "correct horse battery")).status).toBe(401);
    expect((await signIn("coder@example.org", "a new long password")).status).toBe(302);
  });
});
