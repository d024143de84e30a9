import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { COMPENDIUM_RESPONDENTS, seedRespondents } from "../support/compendium";
import { query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
let admin: CookieJar;

const [named, anonymous, askFirst] = COMPENDIUM_RESPONDENTS as [
  (typeof COMPENDIUM_RESPONDENTS)[0],
  (typeof COMPENDIUM_RESPONDENTS)[0],
  (typeof COMPENDIUM_RESPONDENTS)[0],
];

beforeAll(async () => {
  app = await loadApp();
  await seedRespondents(app.databasePath);
  admin = await signedIn(app, "admin@example.org", "admin");
});

const get = (path: string, jar: CookieJar, language = "en") =>
  app.handle(new Request(BASE + path, { headers: { Cookie: jar.header(), "Accept-Language": language } }));
const post = (path: string, fields: Record<string, string> | FormData, jar: CookieJar, language = "en") =>
  app.handle(formPost(path, fields, { Cookie: jar.header(), "Accept-Language": language }), "10.1.0.1");

/** Starts the entry of one example through the queue's "Curate" button; returns its id. */
async function curate(responseId: string): Promise<string> {
  const response = await post("/organiser/compendium", { open: `${responseId}:0` }, admin);
  expect(response.status).toBe(302);
  return response.headers.get("Location")!.split("/").pop()!;
}

const entryForm = (fields: Record<string, string>) => ({ intent: "save", decision: "include", ...fields });

describe("the editor grant", () => {
  it("opens the Compendium to any account an administrator makes editor", async () => {
    const coder = await signedIn(app, "editor@example.org", "coder");
    expect((await get("/organiser/compendium", coder)).status).toBe(403);
    const [{ id }] = query<{ id: string }>(app.databasePath, "select id from users where email = 'editor@example.org'") as [
      { id: string },
    ];
    expect((await post("/organiser/users", { intent: "grantEditor", userId: id }, admin)).status).toBe(200);
    const queue = await get("/organiser/compendium", coder);
    expect(queue.status).toBe(200);
    const html = await queue.text();
    // Every submitted example, with its respondent's profile in the reader's words.
    for (const name of ["Red Camionera Segura", "Fundación Luz, Banco Azul", "Alerta Digital Panamá"])
      expect(html).toContain(name);
    expect(html).toContain("Non-governmental or civil society organisation");
    // The grant adds the Compendium only.
    expect((await get("/organiser/responses", coder)).status).toBe(403);
    expect((await post("/organiser/users", { intent: "revokeEditor", userId: id }, admin)).status).toBe(200);
    expect((await get("/organiser/compendium", coder)).status).toBe(403);
  });
});

describe("curation", () => {
  it("filters the queue by sector and country", async () => {
    const bySector = await (await get("/organiser/compendium?sector=2", admin)).text();
    expect(bySector).toContain("Fundación Luz");
    expect(bySector).not.toContain("Red Camionera");
    const byCountry = await (await get("/organiser/compendium?country=PA", admin)).text();
    expect(byCountry).toContain("Alerta Digital");
    expect(byCountry).not.toContain("Fundación Luz");
  });

  it("refuses wording that names an example cited without names, whatever the case and accents", async () => {
    const entryId = await curate(anonymous.id);
    const refused = await post(
      `/organiser/compendium/${entryId}`,
      entryForm({
        "title.en": "A bank and a foundation",
        "summary.en": "Shared typologies.",
        "title.es": "Un banco y una fundación",
        "summary.es": "La FUNDACION LUZ compartió tipologías.",
      }),
      admin,
      "es",
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("pero contiene: Fundación Luz");
    const saved = await post(
      `/organiser/compendium/${entryId}`,
      entryForm({
        "title.en": "A bank and a foundation",
        "summary.en": "Shared typologies.",
        "title.es": "Un banco y una fundación",
        "summary.es": "Compartieron tipologías.",
        practice: "4",
      }),
      admin,
    );
    expect(saved.status).toBe(200);
    const page = await (await get(`/organiser/compendium/${entryId}`, admin)).text();
    // Evidence: how many respondents use the practice, and the challenges the example's respondent rated.
    expect(page).toContain("1 of 4 respondents use this practice");
    expect(page).toContain("Having a legal basis to share information: A major challenge");

    // The printable draft shows the anonymised wording, and no name anywhere, facts and sources included.
    const draft = await (await get("/organiser/compendium/draft?lang=es", admin)).text();
    expect(draft).toContain("Un banco y una fundación");
    expect(draft).not.toMatch(/Fundación Luz|Banco Azul/);
    expect(draft).toContain("Guatemala");
    // Curated examples leave the "not yet curated" status.
    const fresh = await (await get("/organiser/compendium?status=new", admin)).text();
    expect(fresh).not.toContain("Fundación Luz");
    expect(fresh).toContain("Alerta Digital Panamá");
    expect(await (await get("/organiser/compendium?status=include", admin)).text()).toContain("Fundación Luz");
  });

  it("answers bad input with a 400 in the reader's language", async () => {
    const entryId = await curate(named.id);
    const bad = await post(`/organiser/compendium/${entryId}`, { intent: "save", decision: "publish" }, admin, "es");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Elija incluir, excluir o en espera.");
    const untitled = await post(`/organiser/compendium/${entryId}`, entryForm({}), admin);
    expect(untitled.status).toBe(400);
    expect((await post("/organiser/compendium", { intent: "merge", source: `${named.id}:0` }, admin)).status).toBe(400);
    expect((await get("/organiser/compendium/draft?lang=fr", admin)).status).toBe(400);
    expect((await get("/organiser/compendium/no-such-entry", admin)).status).toBe(404);
    expect((await get("/citation?t=nonsense", admin)).status).toBe(404);
  });

  it("merges examples into one entry, keeping every source", async () => {
    const form = new FormData();
    form.set("intent", "merge");
    form.append("source", `${named.id}:0`);
    form.append("source", `${askFirst.id}:0`);
    const merged = await post("/organiser/compendium", form, admin);
    expect(merged.status).toBe(302);
    const entryId = merged.headers.get("Location")!.split("/").pop()!;
    expect(
      query(app.databasePath, "select response_id from compendium_sources where entry_id = ? order by response_id", entryId),
    ).toEqual([{ response_id: named.id }, { response_id: askFirst.id }]);
    // The strictest citation wins: one "ask me first" holds the whole entry.
    expect(await (await get(`/organiser/compendium/${entryId}`, admin)).text()).toContain(
      "permission requested: left out of the draft",
    );
    // Taken apart again, for the browser test's three entries.
    expect((await post(`/organiser/compendium/${entryId}`, { intent: "detach", source: `${askFirst.id}:0` }, admin)).status).toBe(
      200,
    );
  });
});

describe("the stakeholder directory", () => {
  it("lists only submitted respondents who said yes to the hub, consented and left an address, until they leave", async () => {
    const html = await (await get("/organiser/directory", admin)).text();
    expect(html).toContain("ana@example.org");
    expect(html).toContain("carla@example.org");
    expect(html).not.toContain("beto@example.org"); // said no to the hub
    expect(html).not.toContain("draft@example.org"); // never submitted
    expect(html).toContain("2 people listed");

    const csv = await post("/organiser/directory/csv", { country: "MX" }, admin);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("ana@example.org");
    expect(text).not.toContain("carla@example.org");
    expect(query(app.databasePath, "select action from audit_log where action = 'hub.export'")).toHaveLength(1);
  });

  it("tells each listed person once, in their languages, with a link that takes them out of it", async () => {
    const told = await post("/organiser/directory", { q: "pre-regm" }, admin, "es");
    expect(await told.text()).toContain("2 mensajes en cola.");
    const messages = query<{ to_address: string; subject: string; text_body: string }>(
      app.databasePath,
      "select to_address, subject, text_body from outbox where kind = 'directory' order by to_address",
    );
    expect(messages.map((m) => m.to_address)).toEqual(["ana@example.org", "carla@example.org"]);
    // Ana answered in English, Carla in Spanish: each reads her own language first.
    expect(messages[0]!.subject).toBe(
      "You are in UNODC's stakeholder directory / Usted figura en el directorio de actores de la UNODC",
    );
    expect(messages[1]!.subject).toMatch(/^Usted figura/);
    expect(await (await post("/organiser/directory", { q: "pre-regm" }, admin)).text()).toContain("0 messages queued.");

    const link = new URL(/http:\/\/localhost\/directory\/leave\?t=\S+&lng=en/.exec(messages[0]!.text_body)![0]);
    const token = link.searchParams.get("t")!;
    expect((await app.handle(new Request(link))).status).toBe(200);
    expect((await app.handle(formPost("/directory/leave", { t: `${token}x`, reference_code: "" }))).status).toBe(404);
    expect((await app.handle(formPost("/directory/leave", { t: token, reference_code: "" }))).status).toBe(200);
    const after = await (await get("/organiser/directory", admin)).text();
    expect(after).not.toContain("ana@example.org");
    expect(after).toContain("1 person listed");
  });
});
