import { generateTOTP } from "@epic-web/totp";
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";
import { databaseEnv, freshDatabase } from "../support/engine";

let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  app = await loadApp({ ADMIN_TWO_FACTOR: "required" });
});

const get = (path: string, jar: CookieJar) => app.handle(new Request(BASE + path, { headers: { Cookie: jar.header() } }));
const post = (path: string, fields: Record<string, string>, jar: CookieJar, language = "en") =>
  app.handle(formPost(path, fields, { Cookie: jar.header(), "Accept-Language": language }), "10.1.0.1");
/** The code the user's authenticator app shows now, from the secret the app stored. */
const codeFor = async (email: string) => {
  const [{ totp_secret: secret }] = query<{ totp_secret: string }>(
    app.databasePath,
    "select totp_secret from users where email = ?",
    email,
  ) as [{ totp_secret: string }];
  return (await generateTOTP({ secret })).otp;
};

/** Turns on two-factor sign-in through the page; returns the recovery codes it shows. */
async function enrol(jar: CookieJar, email: string): Promise<string[]> {
  expect((await post("/organiser/account/two-factor", { intent: "start" }, jar)).status).toBe(200);
  const confirmed = await post("/organiser/account/two-factor", { intent: "confirm", code: await codeFor(email) }, jar);
  expect(confirmed.status).toBe(200);
  return [...(await confirmed.text()).matchAll(/<li class="code">([a-z0-9]{4}-[a-z0-9]{4})<\/li>/g)].map((m) => m[1]!);
}

const signIn = async (email: string, password: string) => {
  const jar = new CookieJar();
  const response = jar.take(await app.handle(formPost("/organiser/login", { email, password }), app.nextAddress()));
  return { jar, status: response.status };
};

describe("new accounts", () => {
  it("are offered the least-privileged role in the form", async () => {
    const admin = await signedIn(app, "admin@example.org", "admin");
    await enrol(admin, "admin@example.org");
    const page = await (await get("/organiser/users", admin)).text();
    const html = page.slice(page.indexOf('id="new-user"'));
    expect(html).toMatch(/<option value="coder" selected="">/);
    expect(html).not.toMatch(/<option value="admin" selected="">/);
  });

  it("are coders when npm run user:create is given no --role", async () => {
    const databasePath = await freshDatabase();
    execFileSync("npx", ["tsx", "scripts/user-create.ts", "--email", "new@example.org"], {
      env: { ...process.env, ...databaseEnv(databasePath), USER_PASSWORD: "correct horse battery" },
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

describe("two-factor sign-in", () => {
  it("blocks an administrator without it until enrolled", async () => {
    const admin = await signedIn(app, "boss@example.org", "admin");
    for (const path of ["/organiser/users", "/organiser", "/organiser/audit"]) {
      const blocked = await get(path, admin);
      expect(blocked.status, path).toBe(302);
      expect(blocked.headers.get("Location")).toBe("/organiser/account/two-factor");
    }
    expect(
      (await post("/organiser/users", { intent: "create", name: "X", email: "x@example.org", role: "admin" }, admin)).status,
    ).toBe(302);
    expect(query(app.databasePath, "select id from users where email = 'x@example.org'")).toEqual([]);
    const page = await (await get("/organiser/account/two-factor", admin)).text();
    expect(page).toContain("Administrators must use two-factor sign-in");

    expect((await post("/organiser/account/two-factor", { intent: "start" }, admin)).status).toBe(200);
    const setup = await (await get("/organiser/account/two-factor", admin)).text();
    expect(setup).toMatch(/otpauth:\/\/totp\/Consulta:boss%40example.org\?secret=/);
    const wrong = await post("/organiser/account/two-factor", { intent: "confirm", code: "000000" }, admin, "es");
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Este código no es correcto");
    expect((await get("/organiser/users", admin)).status).toBe(302);

    const confirmed = await post(
      "/organiser/account/two-factor",
      { intent: "confirm", code: await codeFor("boss@example.org") },
      admin,
    );
    expect(confirmed.status).toBe(200);
    expect((await get("/organiser/users", admin)).status).toBe(200);
  });

  it("asks for the code after the password, refuses a wrong one, and takes each recovery code once", async () => {
    const coder = await signedIn(app, "two@example.org", "coder");
    const [first, second] = await enrol(coder, "two@example.org");
    expect(first).toBeDefined();
    expect(query(app.databasePath, "select count(*) as n from recovery_codes where code_hash like '%-%'")).toEqual([{ n: 0 }]);

    const pending = await signIn("two@example.org", "correct horse battery");
    expect(pending.status).toBe(302);
    // Between the password and the code the session opens nothing else.
    const before = await get("/organiser/coding", pending.jar);
    expect(before.headers.get("Location")).toBe("/organiser/two-factor");
    const wrong = await post("/organiser/two-factor", { code: "123456" }, pending.jar);
    expect(wrong.status).toBe(401);
    expect((await get("/organiser/coding", pending.jar)).status).toBe(302);
    const passed = pending.jar.take(await post("/organiser/two-factor", { code: await codeFor("two@example.org") }, pending.jar));
    expect(passed.status).toBe(302);
    expect(passed.headers.get("Location")).toBe("/organiser");
    expect((await get("/organiser/coding", pending.jar)).status).toBe(200);

    const withRecovery = await signIn("two@example.org", "correct horse battery");
    const recovered = withRecovery.jar.take(
      await post("/organiser/two-factor", { code: first!.toUpperCase() }, withRecovery.jar),
    );
    expect(recovered.status).toBe(302);
    expect((await get("/organiser/coding", withRecovery.jar)).status).toBe(200);

    const reused = await signIn("two@example.org", "correct horse battery");
    expect((await post("/organiser/two-factor", { code: first! }, reused.jar)).status).toBe(401);
    expect((await post("/organiser/two-factor", { code: second! }, reused.jar)).status).toBe(302);
  });

  it("limits guesses at the code like guesses at the password", async () => {
    const coder = await signedIn(app, "guess@example.org", "coder");
    await enrol(coder, "guess@example.org");
    const pending = await signIn("guess@example.org", "correct horse battery");
    for (let i = 0; i < 8; i++) expect((await post("/organiser/two-factor", { code: "000000" }, pending.jar)).status).toBe(401);
    const throttled = await post("/organiser/two-factor", { code: await codeFor("guess@example.org") }, pending.jar);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("lead coders", () => {
  it("manage the themes once an administrator grants it, and no longer once revoked", async () => {
    const admin = await signedIn(app, "chief@example.org", "admin");
    await enrol(admin, "chief@example.org");
    const coder = await signedIn(app, "lead@example.org", "coder");
    expect((await get("/organiser/themes", coder)).status).toBe(403);
    const [{ id }] = query<{ id: string }>(app.databasePath, "select id from users where email = 'lead@example.org'") as [
      { id: string },
    ];

    expect((await post("/organiser/users", { intent: "grantLeadCoder", userId: id }, admin)).status).toBe(200);
    expect((await get("/organiser/themes", coder)).status).toBe(200);
    expect(await (await get("/organiser/coding", coder)).text()).toContain('href="/organiser/themes"');
    // The grant adds the themes only: a coder's other limits stay.
    expect((await get("/organiser/responses", coder)).status).toBe(403);

    expect((await post("/organiser/users", { intent: "revokeLeadCoder", userId: id }, admin)).status).toBe(200);
    expect((await get("/organiser/themes", coder)).status).toBe(403);
    expect(query(app.databasePath, "select action from audit_log where action like 'user.%LeadCoder' order by id")).toEqual([
      { action: "user.grantLeadCoder" },
      { action: "user.revokeLeadCoder" },
    ]);
  });
});
