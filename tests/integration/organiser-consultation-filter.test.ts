import crypto from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { CookieJar, loadApp, pages } from "../support/app";
import { COMPENDIUM_RESPONDENTS, seedRespondents, type SeedRespondent } from "../support/compendium";
import { execute, query } from "../support/db";
import { eventually, startSmtp } from "../support/smtp";

// Two rounds of Pre-REGM: the one named by the questionnaire (Mexico, in English and Spanish) and a
// second, newer one (Asia, English only), each with its own responses and invitations.
let app: Awaited<ReturnType<typeof loadApp>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let admin: CookieJar;
let get: ReturnType<typeof pages>["get"];
let post: ReturnType<typeof pages>["post"];

const ASIA = { c: "asia", q: "pre-regm" };
const MEXICO = { q: "pre-regm" };

function write(sql: string, ...params: unknown[]) {
  execute(app.databasePath, sql, ...params);
}

/** A response stored as the respondent pages store one (their path is tested elsewhere), with its lessons if given. */
function storeResponse(consultationId: string | null, status: "draft" | "submitted", language = "en", lessons?: string) {
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  if (lessons)
    afterInsert.push(() =>
      write(
        "insert into answers (response_id, variable, state, value, updated_at) values (?, 'lessons', 'answered', ?, ?)",
        id,
        JSON.stringify(lessons),
        now,
      ),
    );
  write(
    `insert into responses (id, questionnaire_id, questionnaire_version, language, status, created_at, updated_at, submitted_at, consultation_id)
     values (?, 'pre-regm', 1, ?, ?, ?, ?, ?, ?)`,
    id,
    language,
    status,
    now,
    now,
    status === "submitted" ? now : null,
    consultationId,
  );
  for (const insert of afterInsert.splice(0)) insert();
}
const afterInsert: Array<() => void> = [];

const text = async (response: Response | Promise<Response>) => (await response).text();
const responseCount = (html: string) => /<p role="status">(\d+) responses?<\/p>/.exec(html)?.[1];
const csvEmails = async (fields: Record<string, string>) => {
  const exported = await post("/organiser/invitations.csv", fields, admin);
  expect(exported.status).toBe(200);
  return Papa.parse<Record<string, string>>((await exported.text()).replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
  })
    .data.map((r) => r.email)
    .sort();
};

beforeAll(async () => {
  smtp = await startSmtp();
  app = await loadApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: "Consulta UNODC <consulta@example.org>",
    MAIL_POLL_SECONDS: "0.1",
  });
  ({ get, post } = pages(app));
  admin = await signedIn(app, "admin@example.org", "admin");
  await get("/organiser", admin); // the app has opened its database and made the first consultation
  write("update consultations set name = 'Mexico and Central America', closes_on = '2099-01-15' where id = 'pre-regm'");
  write(
    `insert into consultations (id, questionnaire_id, questionnaire_version, name, languages, closes_on, created_at, updated_at)
     values ('asia', 'pre-regm', 1, 'Asia', '["en"]', '2099-06-30', ?, ?)`,
    "2100-01-01T00:00:00.000Z",
    "2100-01-01T00:00:00.000Z",
  );
  storeResponse("pre-regm", "submitted", "es", "Lecciones de México");
  storeResponse(null, "submitted"); // older than consultations: Mexico's, by its questionnaire
  storeResponse("pre-regm", "draft");
  storeResponse("asia", "submitted", "en", "Lessons from Asia");
  for (const [choice, name, email, language] of [
    [MEXICO, "Marta Mexico", "marta@example.org", "es"],
    [ASIA, "Arjun Asia", "arjun@example.org", "en"],
  ] as const) {
    const added = await post(
      "/organiser/invitations",
      { ...choice, intent: "add", name, email, organisation: "", language },
      admin,
    );
    expect(added.status).toBe(200);
  }
});

afterAll(() => smtp.close());

describe("the consultation switch", () => {
  it("opens the newest open consultation by default, and offers every consultation in a GET form with a label", async () => {
    const page = await text(get("/organiser/responses", admin));
    expect(responseCount(page)).toBe("1");
    expect(page).toMatch(/<form method="get" action="\/organiser\/responses"[^>]*>/);
    expect(page).toMatch(/<label for="consultation">Consultation<\/label><select id="consultation" name="c">/);
    expect(page).toMatch(/<option value="asia" selected="">Asia<\/option>/);
    expect(page).toContain('<option value="pre-regm">Mexico and Central America</option>');
    expect(page).toContain('<option value="all">All consultations</option>');
    // The coding screen has no "all": one consultation's answers are coded at a time.
    expect(await text(get("/organiser/coding", admin))).not.toContain('<option value="all">');
  });

  it("keeps the chosen consultation in the navigation links (the default one needs nothing)", async () => {
    const asia = await text(get("/organiser/responses?c=asia&q=pre-regm", admin));
    expect(asia).toContain('href="/organiser/invitations"');
    // The consultation named by the questionnaire keeps the links it always had.
    const mexico = await text(get("/organiser/responses?q=pre-regm", admin));
    expect(mexico).toContain('href="/organiser/invitations?q=pre-regm"');
    const all = await text(get("/organiser/responses?q=pre-regm&c=all", admin));
    expect(all).toContain('href="/organiser/invitations?q=pre-regm&amp;c=all"');
    // A page that shows one consultation at a time opens the default one for "all".
    const invitations = await text(get("/organiser/invitations?q=pre-regm&c=all", admin));
    expect(invitations).toContain("arjun@example.org");
    expect(invitations).not.toContain("marta@example.org");
  });

  it("corrects the questionnaire the switch sent when the consultation chosen belongs to another", async () => {
    const switched = await get("/organiser/themes?q=demo&c=asia", admin);
    expect(switched.status).toBe(302);
    expect(switched.headers.get("Location")).toBe("/organiser/themes?q=pre-regm&c=asia");
  });

  it("refuses a consultation that does not exist with a 404", async () => {
    expect((await get("/organiser/responses?c=atlantis", admin)).status).toBe(404);
    expect((await get("/organiser/invitations?c=atlantis", admin)).status).toBe(404);
  });
});

describe("each organiser page shows the chosen consultation's rows only", () => {
  it("lists one consultation's responses, or all of them with a consultation column", async () => {
    const mexico = await text(get("/organiser/responses?q=pre-regm", admin));
    expect(responseCount(mexico)).toBe("3");
    expect(mexico).not.toContain('<th scope="col">Consultation</th>');
    const asia = await text(get("/organiser/responses?q=pre-regm&c=asia", admin));
    expect(responseCount(asia)).toBe("1");
    const all = await text(get("/organiser/responses?q=pre-regm&c=all", admin));
    expect(responseCount(all)).toBe("4");
    expect(all).toContain('<th scope="col">Consultation</th>');
    expect(all.match(/<td>Asia<\/td>/g)).toHaveLength(1);
    expect(all.match(/<td>Mexico and Central America<\/td>/g)).toHaveLength(3);
  });

  it("says on a response's page which consultation it belongs to", async () => {
    const [row] = query<{ id: string }>(app.databasePath, "select id from responses where consultation_id = 'asia'");
    const page = await text(get(`/organiser/responses/${row!.id}`, admin));
    expect(page).toContain("<dt>Consultation</dt><dd>Asia</dd>");
  });

  it("counts the dashboard's invitations and responses per consultation, or together", async () => {
    const invited = (html: string) => /<dt>Invited<\/dt><dd>(\d+)<\/dd>/.exec(html)?.[1];
    const started = (html: string) => /through the open link"><div><dt>Started<\/dt><dd>(\d+)<\/dd>/.exec(html)?.[1];
    const mexico = await text(get("/organiser?q=pre-regm", admin));
    expect([invited(mexico), started(mexico)]).toEqual(["1", "3"]);
    const asia = await text(get("/organiser?q=pre-regm&c=asia", admin));
    expect([invited(asia), started(asia)]).toEqual(["1", "1"]);
    const all = await text(get("/organiser?q=pre-regm&c=all", admin));
    expect([invited(all), started(all)]).toEqual(["2", "4"]);
  });

  it("lists and downloads one consultation's invitations", async () => {
    const asia = await text(get("/organiser/invitations?q=pre-regm&c=asia", admin));
    expect(asia).toContain("arjun@example.org");
    expect(asia).not.toContain("marta@example.org");
    const mexico = await text(get("/organiser/invitations?q=pre-regm", admin));
    expect(mexico).toContain("marta@example.org");
    expect(mexico).not.toContain("arjun@example.org");
    expect(await csvEmails(ASIA)).toEqual(["arjun@example.org"]);
    expect(await csvEmails(MEXICO)).toEqual(["marta@example.org"]);
    // Invitations older than consultations belong to the one named by their questionnaire.
    write("update invitations set consultation_id = null where email = 'marta@example.org'");
    expect(await csvEmails(MEXICO)).toEqual(["marta@example.org"]);
    expect(await csvEmails(ASIA)).toEqual(["arjun@example.org"]);
  });
});

describe("coding and erasure work within the chosen consultation", () => {
  it("gives coders the chosen consultation's answers to code", async () => {
    const mexico = await text(get("/organiser/coding/lessons?q=pre-regm", admin));
    expect(mexico).toContain("Lecciones de México");
    expect(mexico).not.toContain("Lessons from Asia");
    const asia = await text(get("/organiser/coding/lessons?q=pre-regm&c=asia", admin));
    expect(asia).toContain("Lessons from Asia");
    expect(asia).not.toContain("Lecciones de México");
    // The overview links to the same consultation's screen.
    expect(await text(get("/organiser/coding?q=pre-regm", admin))).toContain('href="/organiser/coding/lessons?q=pre-regm"');
    // Asia, the newest open consultation, is the default: its links need no choice.
    expect(await text(get("/organiser/coding?q=pre-regm&c=asia", admin))).toContain('href="/organiser/coding/lessons"');
  });

  it("finds an invitee to erase only in the consultation they were invited to", async () => {
    const find = (choice: Record<string, string>) =>
      post("/organiser/erasure", { ...choice, by: "invitation", email: "arjun@example.org" }, admin);
    expect((await find(MEXICO)).status).toBe(404);
    const found = await find(ASIA);
    expect(found.status).toBe(200);
    expect(await found.text()).toContain("Arjun Asia");
  });
});

describe("invitations belong to a consultation", () => {
  it("stores the chosen consultation with each invitation, added one by one or from a file", async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...ASIA, intent: "upload" })) form.set(name, value);
    form.set(
      "file",
      new File(["name,email,organisation,language\nLi Wei,li@example.org,,en\nLuz,luz@example.org,,es\n"], "list.csv", {
        type: "text/csv",
      }),
    );
    const uploaded = await post("/organiser/invitations", form, admin);
    expect(uploaded.status).toBe(200);
    const report = await uploaded.text();
    // The Spanish row is refused, saying why: Asia is offered in English only.
    expect(report).toMatch(/<td>3<\/td><td>luz@example.org<\/td><td>This consultation is not offered in that language.<\/td>/);
    expect(
      query<{ email: string; consultation_id: string }>(
        app.databasePath,
        "select email, consultation_id from invitations where email in ('arjun@example.org', 'li@example.org', 'luz@example.org') order by email",
      ),
    ).toEqual([
      { email: "arjun@example.org", consultation_id: "asia" },
      { email: "li@example.org", consultation_id: "asia" },
    ]);
  });

  it("refuses an invitation in a language the consultation does not offer, with a clear message", async () => {
    const refused = await post(
      "/organiser/invitations",
      { ...ASIA, intent: "add", name: "Sofía", email: "sofia@example.org", organisation: "", language: "es" },
      admin,
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("This consultation is offered only in English");
    expect(query(app.databasePath, "select id from invitations where email = 'sofia@example.org'")).toEqual([]);
    // The form offers only the consultation's languages.
    const page = await text(get("/organiser/invitations?q=pre-regm&c=asia", admin));
    const select = page.slice(page.indexOf('name="language"'), page.indexOf("</select>", page.indexOf('name="language"')));
    expect(select).not.toContain('value="es"');
  });

  it("keeps an edited invitation in its consultation's languages, and goes back to its consultation's list", async () => {
    const [{ id }] = query<{ id: string }>(app.databasePath, "select id from invitations where email = 'li@example.org'") as [
      { id: string },
    ];
    const fields = { name: "Li Wei", email: "li@example.org", organisation: "", country: "", region: "", sector: "" };
    expect((await post(`/organiser/invitations/${id}`, { ...fields, language: "es" }, admin)).status).toBe(400);
    expect(query(app.databasePath, "select language from invitations where id = ?", id)).toEqual([{ language: "en" }]);
    const saved = await post(`/organiser/invitations/${id}`, { ...fields, organisation: "ASEAN", language: "en" }, admin);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/organiser/invitations?q=pre-regm&c=asia");
  });

  it("sends invitations and reminders to the chosen consultation's invitees only, with its closing day", async () => {
    const sent = await post("/organiser/invitations", { ...ASIA, intent: "send", kind: "invitation" }, admin);
    expect(sent.status).toBe(200);
    const arjun = await eventually(() => smtp.received.find((m) => m.to.includes("arjun@example.org")));
    expect(arjun.parts["text/plain"]).toContain("30 June 2099");
    await eventually(() => smtp.received.some((m) => m.to.includes("li@example.org")));
    expect(smtp.received.some((m) => m.to.includes("marta@example.org"))).toBe(false);

    // Everyone was last written to long ago: a reminder to Mexico reaches Marta, never Asia's invitees.
    write("update invitations set invited_at = '2000-01-01T00:00:00.000Z', reminded_at = null");
    const before = smtp.received.length;
    const reminded = await post("/organiser/invitations", { ...MEXICO, intent: "send", kind: "reminder" }, admin);
    expect(reminded.status).toBe(200);
    const marta = await eventually(() => smtp.received.slice(before).find((m) => m.to.includes("marta@example.org")));
    // In her language, Spanish, with Mexico's closing day.
    expect(marta.parts["text/plain"]).toContain("15 de enero de 2099");
    expect(
      query<{ to_address: string }>(
        app.databasePath,
        "select to_address from outbox where kind = 'reminder' order by to_address",
      ),
    ).toEqual([{ to_address: "marta@example.org" }]);
  });
});

describe("the Compendium queue", () => {
  it("shows the examples of the chosen consultation, or of all of them", async () => {
    const [mexican, asian] = COMPENDIUM_RESPONDENTS as [SeedRespondent, SeedRespondent];
    await seedRespondents(app.databasePath, [mexican, asian]);
    write("update responses set consultation_id = 'asia' where id = ?", asian.id);
    const queue = (query: string) => text(get(`/organiser/compendium?${query}`, admin));
    const mexico = await queue("q=pre-regm");
    expect(mexico).toContain("Red Camionera Segura");
    expect(mexico).not.toContain("Fundación Luz, Banco Azul");
    const asia = await queue("q=pre-regm&c=asia");
    expect(asia).not.toContain("Red Camionera Segura");
    expect(asia).toContain("Fundación Luz, Banco Azul");
    const all = await queue("q=pre-regm&c=all");
    expect(all).toContain("Red Camionera Segura");
    expect(all).toContain("Fundación Luz, Banco Azul");
  });
});
