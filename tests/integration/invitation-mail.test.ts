import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { execute, query } from "../support/db";
import { eventually, startSmtp } from "../support/smtp";

let app: Awaited<ReturnType<typeof loadApp>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const admin = new CookieJar();
const MAIL_FROM = "Consulta UNODC <consulta@example.org>";

beforeAll(async () => {
  smtp = await startSmtp();
  app = await loadApp({
    ENABLE_DEMO: "1",
    SMTP_URL: smtp.url,
    MAIL_FROM,
    MAIL_POLL_SECONDS: "0.1",
    MAIL_RETRY_SECONDS: "0.2",
  });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  admin.take(await app.handle(formPost("/organiser/login", { email: "admin@example.org", password: "correct horse battery" })));
});

afterAll(() => smtp.close());

const get = (path: string, jar?: CookieJar) =>
  app.handle(new Request(BASE + path, { headers: jar ? { Cookie: jar.header() } : {} }));
const post = (path: string, fields: Record<string, string> | FormData, jar?: CookieJar) =>
  app.handle(formPost(path, fields, jar ? { Cookie: jar.header() } : {}));

async function invite(name: string, email: string, language = "es", organisation = "") {
  const response = await post("/organiser/invitations", { q: "demo", intent: "add", name, email, organisation, language }, admin);
  expect(response.status).toBe(200);
}

/** Opens an invitee's link and saves one section: a draft tied to the invitation. */
async function startAnswering(email: string) {
  const page = await (await get("/organiser/invitations?q=demo", admin)).text();
  const row = page.split("<tr").find((r) => r.includes(email))!;
  const link = row.match(/value="(http:\/\/localhost\/i\?t=[A-Za-z0-9_-]+)"/)![1]!;
  const expert = new CookieJar();
  expert.take(await get(link.replace(BASE, "")));
  const saved = await post(
    "/q/demo/s/choices",
    { __shown: "likes_fruit,channels,size", likes_fruit: "2", channels: "1", _action: "save" },
    expert,
  );
  expect(saved.status).toBe(302);
}

const write = (sql: string, ...params: unknown[]) => execute(app.databasePath, sql, ...params);

/** A shortcut for the state "this invitee has submitted": the respondent path is tested elsewhere. */
function markSubmitted(email: string) {
  write(
    `update responses set status = 'submitted', submitted_at = ?
     where invitation_id = (select id from invitations where email = ?)`,
    new Date().toISOString(),
    email,
  );
}

/** Stands for time passing: the last e-mail to these invitees was sent `days` ago. */
function writtenDaysAgo(days: number, ...emails: string[]) {
  const at = new Date(Date.now() - days * 86_400_000).toISOString();
  for (const email of emails) write("update invitations set invited_at = ?, reminded_at = null where email = ?", at, email);
}

const outbox = () =>
  query<{ to_address: string; kind: string; status: string; attempts: number; last_error: string | null; message_id: string }>(
    app.databasePath,
    "select to_address, kind, status, attempts, last_error, message_id from outbox order by to_address, created_at",
  );

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

describe("the invitation list download", () => {
  it("exports what the page shows: with 'not finished' chosen, no submitted invitee", async () => {
    await invite("Done Dana", "dana@example.org");
    await invite("Draft Diego", "diego@example.org");
    await invite("Never Nora", "nora@example.org", "en");
    await startAnswering("dana@example.org");
    await startAnswering("diego@example.org");
    markSubmitted("dana@example.org");

    const page = await (await get("/organiser/invitations?q=demo&show=unfinished", admin)).text();
    expect(page).not.toContain("dana@example.org");
    // The page's own download button carries the filter.
    expect(page).toMatch(/<input type="hidden" name="show" value="unfinished"\/>/);

    const exported = await post("/organiser/invitations.csv", { q: "demo", show: "unfinished" }, admin);
    expect(exported.status).toBe(200);
    const rows = Papa.parse<Record<string, string>>((await exported.text()).replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.email).sort()).toEqual(["diego@example.org", "nora@example.org"]);
    const [audit] = query<{ details: string }>(
      app.databasePath,
      "select details from audit_log where action = 'invitations.export' order by id desc limit 1",
    );
    expect(JSON.parse(audit!.details)).toMatchObject({ count: 2 });

    const everyone = await post("/organiser/invitations.csv", { q: "demo" }, admin);
    expect((await everyone.text()).match(/@example\.org/g)).toHaveLength(3);

    // A search narrows the download as it narrows the list, with or without the unfinished filter.
    const searched = await (await get("/organiser/invitations?q=demo&s=diego", admin)).text();
    expect(searched).toMatch(/<input type="hidden" name="s" value="diego"\/>/);
    const found = await post("/organiser/invitations.csv", { q: "demo", s: "diego" }, admin);
    expect((await found.text()).match(/[a-z]+@example\.org/g)).toEqual(["diego@example.org"]);
    const none = await post("/organiser/invitations.csv", { q: "demo", s: "dana", show: "unfinished" }, admin);
    expect((await none.text()).match(/@example\.org/g)).toBeNull();
  });
});

describe("invitations by e-mail", () => {
  it("previews without writing, then sends each expert their own link in their language, retrying a refusal", async () => {
    await invite("Ana Pérez", "ana@example.org", "es", "Fiscalía <Norte> & Co");
    await invite("Ben Ortiz", "ben@example.org", "en");

    const preview = await post("/organiser/invitations", { q: "demo", intent: "preview", kind: "invitation" }, admin);
    expect(preview.status).toBe(200);
    const previewPage = await preview.text();
    // Everyone not yet invited: the five of this file so far.
    expect(previewPage).toContain("5 recipients");
    expect(previewPage).toContain("Send to 5 experts");
    expect(outbox()).toEqual([]);

    // Only Ana and Ben, chosen by their boxes; the mail server turns the first recipient away once.
    const ids = query<{ id: string }>(
      app.databasePath,
      "select id from invitations where email in ('ana@example.org', 'ben@example.org')",
    );
    const chosen = new URLSearchParams({ q: "demo", intent: "send", kind: "invitation" });
    for (const { id } of ids) chosen.append("id", id);
    smtp.refuse(1, 451);
    const sent = await app.handle(
      new Request(BASE + "/organiser/invitations", {
        method: "POST",
        body: chosen,
        headers: { Cookie: admin.header(), "Content-Type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain("2 messages queued");

    await eventually(() => outbox().every((m) => m.status === "sent") && outbox().length === 2);
    const rows = outbox();
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 2]);
    expect(rows.find((r) => r.attempts === 2)!.last_error).toContain("451");
    expect(smtp.received).toHaveLength(2);

    const [ana] = mailsTo("ana@example.org");
    const [ben] = mailsTo("ben@example.org");
    for (const [mail, row] of [
      [ana!, rows.find((r) => r.to_address === "ana@example.org")!],
      [ben!, rows.find((r) => r.to_address === "ben@example.org")!],
    ] as const) {
      expect(mail.headers.from).toBe(MAIL_FROM);
      expect(mail.headers["reply-to"]).toBe("admin@example.org");
      expect(mail.headers["message-id"]).toBe(row.message_id);
      expect(mail.headers["content-type"]).toMatch(/^multipart\/alternative/);
      expect(mail.from).toBe("consulta@example.org");
    }
    expect(ana!.headers.to).toBe("ana@example.org");
    expect(ana!.headers.subject).toBe("Invitación: Cuestionario de demostración");
    expect(ben!.headers.subject).toBe("Invitation: Demonstration questionnaire");
    expect(ana!.parts["text/plain"]).toContain("Estimado/a Ana Pérez:");
    expect(ana!.parts["text/plain"]).toContain("Fiscalía <Norte> & Co");
    expect(ana!.parts["text/html"]).toContain("Fiscalía &lt;Norte&gt; &amp; Co");
    expect(ben!.parts["text/plain"]).toContain("Dear Ben Ortiz,");

    // The personal link in the message opens the questionnaire in the invitee's language.
    const link = /http:\/\/localhost\/i\?t=[A-Za-z0-9_-]+/.exec(ana!.parts["text/plain"]!)![0];
    expect(ana!.parts["text/html"]).toContain(`href="${link}"`);
    const opened = await get(link.replace(BASE, ""));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/q/demo?lng=es");

    const list = await (await get("/organiser/invitations?q=demo", admin)).text();
    expect(list).toContain("Sent");
    expect(list).toContain("Invited ");
  });

  it("reminds only those invited who have not submitted nor declined, and not again within the interval", async () => {
    await invite("Carla Ruiz", "carla@example.org", "es");
    await invite("Dora Díaz", "dora@example.org", "en");
    const ids = query<{ id: string; email: string }>(
      app.databasePath,
      "select id, email from invitations where email in ('carla@example.org', 'dora@example.org')",
    );
    const chosen = new URLSearchParams({ q: "demo", intent: "send", kind: "invitation" });
    for (const { id } of ids) chosen.append("id", id);
    expect((await post("/organiser/invitations", chosen as unknown as Record<string, string>, admin)).status).toBe(200);
    await eventually(() => outbox().filter((m) => m.status === "sent").length === 4);

    // Just invited: nobody is due a reminder yet.
    const tooSoon = await post("/organiser/invitations", { q: "demo", intent: "preview", kind: "reminder" }, admin);
    expect(tooSoon.status).toBe(400);
    expect(await tooSoon.text()).toContain("Nobody to remind");

    // Four days later: Ana has submitted, Ben declines through the link in his e-mail, Carla and Dora have not answered.
    writtenDaysAgo(4, "ana@example.org", "ben@example.org", "carla@example.org", "dora@example.org");
    await startAnswering("ana@example.org");
    markSubmitted("ana@example.org");
    const declineUrl = /http:\/\/localhost\/i\/decline\?t=[A-Za-z0-9_-]+&lng=en/.exec(
      mailsTo("ben@example.org")[0]!.parts["text/plain"]!,
    )![0];
    const declinePage = await get(declineUrl.replace(BASE, ""));
    expect(declinePage.status).toBe(200);
    expect(await declinePage.text()).toContain("Confirm: I will not take part");
    expect(query(app.databasePath, "select declined_at from invitations where email = 'ben@example.org'")).toEqual([
      { declined_at: null },
    ]);
    const token = new URL(declineUrl).searchParams.get("t")!;
    const declined = await post(`/i/decline?t=${token}&lng=en`, { t: token, reference_code: "" });
    expect(declined.status).toBe(200);
    expect(await declined.text()).toContain("We will not write to you again");

    const preview = await (
      await post("/organiser/invitations", { q: "demo", intent: "preview", kind: "reminder" }, admin)
    ).text();
    expect(preview).toContain("2 recipients");
    expect(preview).toContain("Recordatorio: Cuestionario de demostración");
    const sent = await post("/organiser/invitations", { q: "demo", intent: "send", kind: "reminder" }, admin);
    expect(await sent.text()).toContain("2 messages queued");
    await eventually(() => outbox().filter((m) => m.kind === "reminder" && m.status === "sent").length === 2);
    expect(
      outbox()
        .filter((m) => m.kind === "reminder")
        .map((m) => m.to_address),
    ).toEqual(["carla@example.org", "dora@example.org"]);
    expect(mailsTo("dora@example.org").map((m) => m.headers.subject)).toEqual([
      "Invitation: Demonstration questionnaire",
      "Reminder: Demonstration questionnaire",
    ]);

    // Reminded just now: a second reminder waits for the interval.
    const again = await post("/organiser/invitations", { q: "demo", intent: "preview", kind: "reminder" }, admin);
    expect(again.status).toBe(400);
  });
});

describe("invitation lists from spreadsheets", () => {
  const upload = (bytes: Uint8Array<ArrayBuffer>) => {
    const form = new FormData();
    form.set("q", "demo");
    form.set("intent", "upload");
    form.set("file", new File([bytes], "expertos.csv", { type: "text/csv" }));
    return post("/organiser/invitations", form, admin);
  };

  it("reads a Windows-1252 file with Spanish headers and language names, and says how it was read", async () => {
    const csv =
      "nombre;correo;organización;idioma;país;región;sector\r\n" +
      "Luz Peña;luz@example.org;Alcaldía de Bogotá;Español;Colombia;América del Sur;Gobierno\r\n" +
      "Sam Lee;sam@example.org;Bank;English;Kenya;East Africa;Private sector\r\n";
    const latin1 = Uint8Array.from([...csv].map((c) => c.charCodeAt(0)));
    const response = await upload(latin1);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("2 added, 0 refused.");
    expect(html).toContain("read as Windows-1252");
    expect(
      query(
        app.databasePath,
        "select name, organisation, language, country, region, sector from invitations where email in ('luz@example.org', 'sam@example.org') order by email",
      ),
    ).toEqual([
      {
        name: "Luz Peña",
        organisation: "Alcaldía de Bogotá",
        language: "es",
        country: "Colombia",
        region: "América del Sur",
        sector: "Gobierno",
      },
      {
        name: "Sam Lee",
        organisation: "Bank",
        language: "en",
        country: "Kenya",
        region: "East Africa",
        sector: "Private sector",
      },
    ]);
  });

  it("refuses a file in neither encoding with a message naming the one to choose", async () => {
    const response = await upload(
      Uint8Array.from([...Buffer.from("name,email,organisation,language\r\nA\u0081,a@b.org,,en\r\n", "latin1")]),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("CSV UTF-8");
  });
});

describe("editing and deleting an invitation", () => {
  it("changes the fields and keeps the link, deletes on confirmation, withdraws unsent messages, and logs both", async () => {
    await invite("Fede Mora", "fede@example.org", "es");
    const [{ id }] = query<{ id: string }>(app.databasePath, "select id from invitations where email = 'fede@example.org'") as [
      { id: string },
    ];
    const page = await get(`/organiser/invitations/${id}`, admin);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="Fede Mora"');

    const taken = await post(
      `/organiser/invitations/${id}`,
      { name: "Fede Mora", email: "ana@example.org", organisation: "", language: "es", country: "", region: "", sector: "" },
      admin,
    );
    expect(taken.status).toBe(409);
    const saved = await post(
      `/organiser/invitations/${id}`,
      {
        name: "Federico Mora",
        email: "federico@example.org",
        organisation: "ONG",
        language: "en",
        country: "Perú",
        region: "Andes",
        sector: "Sociedad civil",
      },
      admin,
    );
    expect(saved.status).toBe(302);
    expect(
      query(app.databasePath, "select name, email, language, country, region, sector from invitations where id = ?", id),
    ).toEqual([
      {
        name: "Federico Mora",
        email: "federico@example.org",
        language: "en",
        country: "Perú",
        region: "Andes",
        sector: "Sociedad civil",
      },
    ]);

    // A message queued for it, then the deletion: refused without the confirmation box, done with it.
    write(
      `insert into outbox (id, invitation_id, kind, to_address, subject, text_body, html_body, message_id, status, attempts, next_attempt_at, created_at)
       values ('m-fede', ?, 'invitation', 'federico@example.org', 's', 't', 'h', '<m-fede@example.org>', 'queued', 0, '9999', '2026-01-01')`,
      id,
    );
    expect((await post(`/organiser/invitations/${id}`, { intent: "delete" }, admin)).status).toBe(400);
    expect((await post(`/organiser/invitations/${id}`, { intent: "delete", confirm: "yes" }, admin)).status).toBe(302);
    expect(query(app.databasePath, "select id from invitations where id = ?", id)).toEqual([]);
    expect(query(app.databasePath, "select id from outbox where id = 'm-fede'")).toEqual([]);
    expect(
      query<{ action: string }>(app.databasePath, "select action from audit_log where target_id = ? order by id", id).map(
        (r) => r.action,
      ),
    ).toEqual(["invitation.create", "invitation.edit", "invitation.delete"]);
    expect((await get(`/organiser/invitations/${id}`, admin)).status).toBe(404);
  });
});
