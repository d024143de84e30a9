import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
const admin = new CookieJar();

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  admin.take(await app.handle(formPost("/organiser/login", { email: "admin@example.org", password: "correct horse battery" })));
});

const get = (path: string, jar?: CookieJar, headers: Record<string, string> = {}) =>
  app.handle(new Request(BASE + path, { headers: { ...(jar ? { Cookie: jar.header() } : {}), ...headers } }));
const post = (path: string, fields: Record<string, string> | FormData, jar?: CookieJar, address?: string) =>
  app.handle(formPost(path, fields, jar ? { Cookie: jar.header() } : {}), address);

describe("signing in", () => {
  it("refuses a wrong password with a 401 in the organiser's language and logs it", async () => {
    const response = await app.handle(
      formPost("/organiser/login", { email: "admin@example.org", password: "wrong" }, { "Accept-Language": "es" }),
      app.nextAddress(),
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("El correo electrónico o la contraseña no son correctos.");
    expect(query(app.databasePath, "select action from audit_log where action = 'login.failed'").length).toBeGreaterThan(0);
  });

  it("throttles the address that guesses an account, not the account's owner signing in from elsewhere", async () => {
    await createAccount(app.databasePath, "alice@example.org", "organiser");
    const stranger = app.nextAddress();
    const guess = (i: number) =>
      app.handle(
        formPost("/organiser/login", { email: "alice@example.org", password: `guess${i}` }, { "Accept-Language": "es" }),
        stranger,
      );
    for (let i = 0; i < 8; i++) expect((await guess(i)).status).toBe(401);
    const throttled = await guess(8);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await throttled.text()).toContain("Demasiados intentos. Por favor, espere 15 minutos");
    // Alice, from her own address, still signs in.
    const alice = await app.handle(
      formPost("/organiser/login", { email: "alice@example.org", password: "correct horse battery" }),
      app.nextAddress(),
    );
    expect(alice.status).toBe(302);
    expect(alice.headers.get("Location")).toBe("/organiser");
  });

  it("stops guessing one account from many addresses with a slower backstop across all of them", async () => {
    // Stored with cheap parameters so that a hundred wrong guesses take moments; the limit does not depend on them.
    await createAccount(app.databasePath, "target@example.org", "organiser", "correct horse battery", { N: 2 ** 10, r: 8, p: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const response = await app.handle(
        formPost("/organiser/login", { email: "target@example.org", password: `guess${i}` }),
        app.nextAddress(),
      );
      statuses.push(response.status);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const refused = await app.handle(
      formPost("/organiser/login", { email: "TARGET@example.org", password: "guess" }),
      app.nextAddress(),
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(15 * 60);
    expect(await refused.text()).toContain("Too many attempts.");
    expect(query(app.databasePath, "select details from audit_log where action = 'login.throttled'")).toContainEqual({
      details: JSON.stringify({ limit: "account" }),
    });
  });

  it("stores a stronger hash at the next sign-in when the stored one uses older parameters", async () => {
    await createAccount(app.databasePath, "old@example.org", "organiser", "correct horse battery", { N: 2 ** 15, r: 8, p: 1 });
    const storedHash = () =>
      query<{ password_hash: string }>(app.databasePath, "select password_hash from users where email = 'old@example.org'")[0]!
        .password_hash;
    expect(storedHash()).toMatch(/^scrypt\$32768\$8\$1\$/);
    const signIn = () =>
      app.handle(
        formPost("/organiser/login", { email: "old@example.org", password: "correct horse battery" }),
        app.nextAddress(),
      );
    expect((await signIn()).status).toBe(302);
    const upgraded = storedHash();
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    // The password still works, and a hash that is strong enough is left alone.
    expect((await signIn()).status).toBe(302);
    expect(storedHash()).toBe(upgraded);
  });

  it("keeps sessions in the database: signing out or disabling the account ends them", async () => {
    const user = await createAccount(app.databasePath, "org@example.org", "organiser");
    const jar = new CookieJar();
    jar.take(
      await post(
        "/organiser/login",
        { email: "org@example.org", password: "correct horse battery" },
        undefined,
        app.nextAddress(),
      ),
    );
    expect((await get("/organiser/responses", jar)).status).toBe(200);
    // The admin disables the account: the session stops working at once.
    expect((await post("/organiser/users", { intent: "disable", userId: user.id }, admin)).status).toBe(200);
    expect((await get("/organiser/responses", jar)).status).toBe(302);
    await post("/organiser/users", { intent: "enable", userId: user.id }, admin);
    jar.take(
      await post(
        "/organiser/login",
        { email: "org@example.org", password: "correct horse battery" },
        undefined,
        app.nextAddress(),
      ),
    );
    expect((await get("/organiser/responses", jar)).status).toBe(200);
    jar.take(await post("/organiser/logout", {}, jar));
    expect((await get("/organiser/responses", jar)).status).toBe(302);
  });

  it("never redirects outside the organisers' area after signing in, and never fails on a strange target", async () => {
    // The query as a browser would send it: [redirectTo, where the organiser lands].
    const cases: Array<[string, string]> = [
      ["https://evil.example/", "/organiser"],
      ["//evil.example", "/organiser"],
      ["/\\evil.example", "/organiser"],
      ["javascript:alert(1)", "/organiser"],
      ["http://[", "/organiser"],
      ["/organiser%0d%0aSet-Cookie:x", "/organiser"],
      ["/organiser/%0d%0aSet-Cookie:x", "/organiser/Set-Cookie:x"],
      ["/organiser?q=%0d%0a", "/organiser?q="],
      ["/organiser/é", "/organiser/%C3%A9"],
      ["/organiser/€", "/organiser/%E2%82%AC"],
      ["/organiser/responses?q=€", "/organiser/responses?q=%E2%82%AC"],
      ["/organiser\\evil", "/organiser/evil"],
      ["/organiser/../q/demo", "/organiser"],
      ["/organiserx", "/organiser"],
      ["/organiser/responses?q=demo%23top", "/organiser/responses?q=demo"],
    ];
    for (const [target, location] of cases) {
      const response = await app.handle(
        formPost(`/organiser/login?redirectTo=${target}`, { email: "admin@example.org", password: "correct horse battery" }),
        app.nextAddress(),
      );
      expect(response.status, target).toBe(302);
      expect(response.headers.get("Location"), target).toBe(location);
    }
  });
});

describe("accounts", () => {
  it("lets an admin create an account, showing its password once, and refuses to remove the last admin", async () => {
    const created = await post(
      "/organiser/users",
      { intent: "create", email: "Coder2@Example.org", name: "Coder Two", role: "coder" },
      admin,
    );
    expect(created.status).toBe(200);
    expect(await created.text()).toMatch(/coder2@example\.org/);
    const [me] = query<{ id: string }>(app.databasePath, "select id from users where email = 'admin@example.org'");
    const refused = await post("/organiser/users", { intent: "role", userId: me!.id, role: "coder" }, admin);
    expect(refused.status).toBe(409);
  });
});

describe("invitations", () => {
  it("adds experts one by one and from a CSV with a row-by-row report", async () => {
    expect(
      (
        await post(
          "/organiser/invitations",
          { q: "demo", intent: "add", name: "Ana Pérez", email: "ana@example.org", organisation: "Fiscalía", language: "es" },
          admin,
        )
      ).status,
    ).toBe(200);
    const again = await post(
      "/organiser/invitations",
      { q: "demo", intent: "add", name: "Ana", email: "ANA@example.org", organisation: "", language: "es" },
      admin,
    );
    expect(again.status).toBe(409);

    const form = new FormData();
    form.set("q", "demo");
    form.set("intent", "upload");
    const csv = "name,email,organisation,language\r\nBen Ortiz,ben@example.org,Banco,en\r\nNo Mail,,X,en\r\n";
    form.set("file", new File([csv], "experts.csv", { type: "text/csv" }));
    const upload = await post("/organiser/invitations", form, admin);
    expect(upload.status).toBe(200);
    const html = await upload.text();
    expect(html).toContain("1 added, 1 refused.");
    expect(html).toContain("The email address is not valid.");
    expect(query(app.databasePath, "select email, language from invitations order by email")).toEqual([
      { email: "ana@example.org", language: "es" },
      { email: "ben@example.org", language: "en" },
    ]);
  });

  it("ties the answers given through a link to the invitation, in the invitee's language", async () => {
    const page = await (await get("/organiser/invitations?q=demo", admin)).text();
    const link = page.match(/value="(http:\/\/localhost\/i\?t=[A-Za-z0-9_-]+)"/g)!.map((m) => m.slice(7, -1));
    const [anaLink] = link.filter((l) => l.includes("/i?t="));
    const expert = new CookieJar();
    const opened = expert.take(await get(anaLink!.replace(BASE, "")));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toMatch(/^\/q\/demo\?lng=(es|en)$/);
    const saved = expert.take(
      await post(
        "/q/demo/s/choices",
        { __shown: "likes_fruit,channels,size", likes_fruit: "2", channels: "1", _action: "save" },
        expert,
      ),
    );
    expect(saved.status).toBe(302);
    const [response] = query<{ invitation_id: string | null; status: string }>(
      app.databasePath,
      "select invitation_id, status from responses",
    );
    expect(response!.invitation_id).toBeTruthy();

    const list = await (await get("/organiser/invitations?q=demo&show=unfinished", admin)).text();
    expect(list).toContain("In progress");
    // The list export is a POST (it is logged) and neutralises formulas.
    const exported = await post("/organiser/invitations.csv", { q: "demo" }, admin);
    const rows = Papa.parse<Record<string, string>>((await exported.text()).replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => [r.email, r.status])).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/@example\.org$/), "in_progress"],
        [expect.stringMatching(/@example\.org$/), "not_started"],
      ]),
    );
  });

  it("takes a list of 20,000 experts in one upload and still shows the page", async () => {
    const lines = ["name,email,organisation,language"];
    for (let i = 0; i < 20_000; i++)
      lines.push(
        `Experta Número ${i},experta.${i}@ministerio.example.org,Ministerio de Justicia y Derechos Humanos,${i % 2 ? "es" : "en"}`,
      );
    const form = new FormData();
    form.set("q", "pre-regm");
    form.set("intent", "upload");
    form.set("file", new File([lines.join("\r\n")], "experts.csv", { type: "text/csv" }));
    const upload = await post("/organiser/invitations", form, admin);
    expect(upload.status).toBe(200);
    expect(await upload.text()).toContain("20000 added, 0 refused.");
    expect(query(app.databasePath, "select count(*) as n from invitations where questionnaire_id = 'pre-regm'")).toEqual([
      { n: 20_000 },
    ]);
    expect((await get("/organiser/invitations?q=pre-regm", admin)).status).toBe(200);
  });

  it("refuses an unknown invitation token with a 404", async () => {
    const response = await get("/i?t=nope", undefined, { "Accept-Language": "es" });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Este enlace de invitación no es válido");
  });
});

describe("responses", () => {
  it("lists, filters and shows a response with labels and states, and an admin reopens it", async () => {
    const expert = new CookieJar();
    expert.take(
      await post(
        "/q/demo/s/choices",
        { __shown: "likes_fruit,fruit,channels,size", likes_fruit: "1", fruit: "3", channels: "97", _action: "next" },
        expert,
      ),
    );
    for (const [section, fields] of [
      ["facts", { __shown: "name,story,staff,share,started,contact,based_in", staff: "0" }],
      ["opinions", { __shown: "aspects,enablers", "aspects.r1": "1", "aspects.r2": "2", "aspects.r3": "-77" }],
      ["examples", { __shown: "example,agree", agree: "on" }],
    ] as const) {
      const r = expert.take(await post(`/q/demo/s/${section}`, { ...fields, _action: "next" }, expert));
      expect(r.status, section).toBe(302);
    }
    expect((await post("/q/demo/review", {}, expert)).status).toBe(302);

    const listed = await (await get("/organiser/responses?q=demo&status=submitted", admin)).text();
    expect(listed).toContain("1 response");
    const id = listed.match(/\/organiser\/responses\/([0-9a-f-]{36})/)![1]!;
    const detail = await (await get(`/organiser/responses/${id}`, admin, { "Accept-Language": "es" })).text();
    expect(detail).toContain("Papayas");
    expect(detail).toContain("No mostrada (lógica de salto)");
    expect(detail).toContain("La fruta es saludable: No sé");

    expect((await get("/organiser/responses?q=demo&status=bogus", admin)).status).toBe(400);

    // Reopening takes two steps and a reason; the submission stays in the response's history.
    expect((await post(`/organiser/responses/${id}`, {}, admin)).status).toBe(400);
    const asked = await post(`/organiser/responses/${id}`, { intent: "ask" }, admin);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("Reopen this response?");
    const noReason = await app.handle(
      formPost(
        `/organiser/responses/${id}`,
        { intent: "reopen", reason: "  " },
        { Cookie: admin.header(), "Accept-Language": "es" },
      ),
    );
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Indique el motivo de la reapertura.");
    expect(query(app.databasePath, "select status from responses where id = ?", id)).toEqual([{ status: "submitted" }]);

    const reopened = await post(
      `/organiser/responses/${id}`,
      { intent: "reopen", reason: "The expert asked to correct a figure" },
      admin,
    );
    expect(reopened.status).toBe(302);
    expect(query(app.databasePath, "select status from responses where id = ?", id)).toEqual([{ status: "draft" }]);
    expect(query(app.databasePath, "select kind, reason from submission_events where response_id = ? order by id", id)).toEqual([
      { kind: "submitted", reason: null },
      { kind: "reopened", reason: "The expert asked to correct a figure" },
    ]);
    const history = await (await get(`/organiser/responses/${id}`, admin)).text();
    expect(history).toMatch(/Submitted on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\./);
    expect(history).toContain("Times are given in UTC.");
    expect(history).toMatch(/Reopened on [^<]+ by admin\. Reason: The expert asked to correct a figure/);
    expect(query(app.databasePath, "select action from audit_log where action = 'response.reopen'")).toHaveLength(1);
  });

  it("draws the dashboard with charts followed by their data tables", async () => {
    const html = await (await get("/organiser?q=demo", admin)).text();
    expect(html).toContain("Progress over time (cumulative)");
    expect(html).toMatch(/<figure class="chart"[^>]*>.*?<svg[^>]*role="img".*?<details class="chart-data">.*?<table>/s);
  });

  it("exports by POST only, logs it, and leaves personal data out unless an admin asks", async () => {
    const exported = await post("/organiser/export/file", { q: "demo", status: "submitted", format: "coded" }, admin);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("Content-Disposition")).toContain("attachment");
    expect(query(app.databasePath, "select action from audit_log where action = 'export'")).toHaveLength(1);
  });

  it("offers the Stata file on the export page and makes it in the worker, labelled in the chosen language", async () => {
    expect(await (await get("/organiser/export?q=demo", admin)).text()).toContain('<option value="dta">Stata file');
    const exported = await post("/organiser/export/file", { q: "demo", status: "submitted", format: "dta", labels: "es" }, admin);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("Content-Type")).toBe("application/x-stata-dta");
    expect(exported.headers.get("Content-Disposition")).toMatch(/filename="demo-v1-\d{4}-\d{2}-\d{2}\.dta"/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dta-")), "demo.dta");
    fs.writeFileSync(file, Buffer.from(await exported.arrayBuffer()));
    const submitted = query(app.databasePath, "select 1 from responses where questionnaire_id = 'demo' and status = 'submitted'");
    expect(execFileSync("readstat", [file]).toString()).toContain(`Rows: ${submitted.length}`);
    const script = `cat(attr(haven::read_dta(${JSON.stringify(file)})$likes_fruit, "labels") |> names(), sep = "|")`;
    expect(execFileSync("Rscript", ["-e", script]).toString()).toContain("Sin respuesta");
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("offers the Stata do-file and SPSS syntax with its data, in English and Spanish", async () => {
    expect(await (await get("/organiser/export?q=demo", admin)).text()).toContain("Stata do-file (.do, reads the coded CSV)");
    const es = await (await get("/organiser/export?q=demo", admin, { "Accept-Language": "es" })).text();
    expect(es).toContain("Archivo do de Stata (.do, lee el CSV codificado)");
    const stata = await post("/organiser/export/file", { q: "demo", status: "submitted", format: "stata" }, admin);
    expect(stata.headers.get("Content-Disposition")).toMatch(/filename="demo-v1-[\d-]+\.do"/);
    expect(await stata.text()).toContain("bindquote(strict)");
    const spss = await post("/organiser/export/file", { q: "demo", status: "submitted", format: "spss" }, admin);
    expect(spss.headers.get("Content-Disposition")).toMatch(/filename="demo-v1-[\d-]+-spss\.zip"/);
    const names = Object.keys(unzipSync(new Uint8Array(await spss.arrayBuffer()))).map((n) =>
      n.replace(/^demo-v1-\d{4}-\d{2}-\d{2}/, "*"),
    );
    expect(names).toEqual(["*-spss.csv", "*.sps", "*-example-items-spss.csv", "*-example-items.sps"]);
  });
});

describe("a response's states", () => {
  it("says not shown on the detail page where the export says -88, for a section routing skipped whole", async () => {
    const expert = new CookieJar();
    // No fruit and "none of these" channels: routing skips the opinions section, which is never stored.
    expert.take(
      await post(
        "/q/demo/s/choices",
        { __shown: "likes_fruit,fruit,channels,size", likes_fruit: "2", channels: "97", _action: "next" },
        expert,
      ),
    );
    for (const [section, fields] of [
      ["facts", { __shown: "name,story,staff,share,started,contact,based_in", staff: "5" }],
      ["examples", { __shown: "example,agree", agree: "on" }],
    ] as const) {
      expect(expert.take(await post(`/q/demo/s/${section}`, { ...fields, _action: "next" }, expert)).status, section).toBe(302);
    }
    expect((await post("/q/demo/review", {}, expert)).status).toBe(302);
    const [{ id }] = query<{ id: string }>(app.databasePath, "select id from responses order by created_at desc limit 1") as [
      { id: string },
    ];
    expect(query(app.databasePath, "select 1 from answers where response_id = ? and variable = 'aspects'", id)).toHaveLength(0);

    const detail = await (await get(`/organiser/responses/${id}`, admin)).text();
    const aspects = detail.slice(detail.indexOf("[<!-- -->aspects<!-- -->]"));
    expect(aspects.slice(0, 300)).toContain("Not shown (skip logic)");
    expect(detail).not.toContain("Not reached");
    const coded = await (await post("/organiser/export/file", { q: "demo", status: "submitted", format: "coded" }, admin)).text();
    const row = Papa.parse<Record<string, string>>(coded.replace(/^\uFEFF/, ""), { header: true }).data.find(
      (r) => r.response_id === id,
    )!;
    expect(row.aspects_r1).toBe("-88");
  });
});
