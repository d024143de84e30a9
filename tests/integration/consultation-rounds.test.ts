import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { giveConsent } from "../support/consent";
import { execute, query } from "../support/db";

// Consultations as records (issue #20): an organiser opens a second round of Pre-REGM, Asia, in English
// only, from the app; respondents reach it by its own link and answer it in its version and languages.
let app: Awaited<ReturnType<typeof loadApp>>;
let organiser: CookieJar;

beforeAll(async () => {
  app = await loadApp();
  organiser = await signedIn(app, "organiser@example.org", "organiser");
});

const get = (path: string, jar?: CookieJar, language = "en") =>
  app.handle(new Request(BASE + path, { headers: { "Accept-Language": language, ...(jar ? { Cookie: jar.header() } : {}) } }));
const post = (path: string, fields: Record<string, string> | FormData, jar?: CookieJar, language = "en") =>
  app.handle(formPost(path, fields, { "Accept-Language": language, ...(jar ? { Cookie: jar.header() } : {}) }));

/** The create form as the organiser fills it in; `languages` may be ticked several times. */
function consultationForm(fields: Record<string, string>, languages: string[] = ["en"]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const language of languages) form.append("languages", language);
  return form;
}
const asia = { id: "asia", questionnaire: "pre-regm:1", name: "REGM Asia 2021", region: "142", opensOn: "", closesOn: "" };
const consultations = () => query<{ id: string }>(app.databasePath, "select id from consultations order by id");

const aboutSection = { __shown: "org_type,industry,country", org_type: "1", country: "JP", _action: "save" };
const answersOf = (responseId: string) =>
  query(app.databasePath, "select variable, value from answers where response_id = ? order by variable", responseId);
const latestResponse = () =>
  query<{ id: string; consultation_id: string; questionnaire_version: number; language: string }>(
    app.databasePath,
    "select id, consultation_id, questionnaire_version, language from responses order by created_at desc, id desc limit 1",
  )[0]!;

describe("consultation rounds", () => {
  it("lets an organiser create a consultation in the app, listed with its open link, and audited", async () => {
    const created = await post("/organiser/consultations?index", consultationForm(asia), organiser);
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/organiser/consultations/asia?created=1");
    expect(query(app.databasePath, "select * from consultations where id = 'asia'")).toEqual([
      expect.objectContaining({
        questionnaire_id: "pre-regm",
        questionnaire_version: 1,
        name: "REGM Asia 2021",
        region: "142",
        languages: JSON.stringify(["en"]),
        closed_at: null,
      }),
    ]);

    const list = await (await get("/organiser/consultations", organiser)).text();
    expect(list).toContain("REGM Asia 2021");
    expect(list).toContain("version 1");
    expect(list).toContain(`value="${BASE}/q/asia"`);
    expect(list).toContain(`value="${BASE}/q/pre-regm"`);
    const audit = query<{ action: string; target_id: string }>(
      app.databasePath,
      "select action, target_id from audit_log where action like 'consultation.%'",
    );
    expect(audit).toContainEqual({ action: "consultation.create", target_id: "asia" });
  });

  it("refuses a malformed or taken id with a message in the organiser's language, storing nothing", async () => {
    const before = consultations();
    const malformed = await post(
      "/organiser/consultations?index",
      consultationForm({ ...asia, id: "Asia 2021!" }),
      organiser,
      "es",
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("El nombre corto solo puede contener letras minúsculas");
    const taken = await post("/organiser/consultations?index", consultationForm({ ...asia, name: "Other" }), organiser, "es");
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Ya existe una consulta llamada «asia»");
    const noLanguage = await post("/organiser/consultations?index", consultationForm({ ...asia, id: "africa" }, []), organiser);
    expect(noLanguage.status).toBe(400);
    expect(await noLanguage.text()).toContain("Please tick at least one language.");
    expect(consultations()).toEqual(before);
    expect(query(app.databasePath, "select name from consultations where id = 'asia'")).toEqual([{ name: "REGM Asia 2021" }]);
    const coder = await signedIn(app, "coder@example.org", "coder");
    expect((await post("/organiser/consultations?index", consultationForm({ ...asia, id: "x" }), coder)).status).toBe(403);
  });

  it("starts a response at /q/asia stored with its consultation and pinned version, its region's countries first", async () => {
    const start = await (await get("/q/asia")).text();
    expect(start).toContain("Consultation: REGM Asia 2021");
    const expert = await giveConsent(app.handle, { questionnaireId: "asia" });
    const response = latestResponse();
    expect(response).toMatchObject({ consultation_id: "asia", questionnaire_version: 1, language: "en" });

    const about = await (await get("/q/asia/s/about", expert)).text();
    const [, asian] = /<optgroup label="Asia">(.*?)<\/optgroup>/s.exec(about) ?? [];
    expect(asian).toContain('value="JP"');
    expect(asian).not.toContain('value="MX"');
    expect(about).toContain('value="MX"'); // every country stays selectable
    expect((await post("/q/asia/s/about", aboutSection, expert)).status).toBe(302);
    expect(answersOf(response.id)).toContainEqual({ variable: "country", value: JSON.stringify("JP") });
    // The other round does not see this browser's draft: it has its own.
    expect(await (await get("/q/pre-regm", expert)).text()).not.toContain("Your resume code");
  });

  it("offers only the consultation's languages: Spanish asked for, English shown", async () => {
    for (const path of ["/q/asia", "/q/asia?lng=es"]) {
      const page = await (await get(path, undefined, "es")).text();
      expect(page).toContain('<html lang="en"');
      expect(page).toContain("Consultation: REGM Asia 2021");
      expect(page).not.toContain('id="lng"');
    }
    const preRegm = await (await get("/q/pre-regm", undefined, "es")).text();
    expect(preRegm).toContain('<html lang="es"');
    expect(preRegm).toContain('id="lng"');
  });

  it("closing it stops new answers but keeps saved ones; reopening takes them again", async () => {
    const expert = await giveConsent(app.handle, { questionnaireId: "asia" });
    const { id } = latestResponse();
    expect((await post("/q/asia/s/about", aboutSection, expert)).status).toBe(302);
    const saved = answersOf(id);

    const confirmPage = await (await get("/organiser/consultations/asia?confirm=close", organiser)).text();
    expect(confirmPage).toContain("Close “REGM Asia 2021” now?");
    const unconfirmed = await post("/organiser/consultations/asia", { intent: "close" }, organiser);
    expect(unconfirmed.status).toBe(400);
    expect(query(app.databasePath, "select closed_at from consultations where id = 'asia'")).toEqual([{ closed_at: null }]);
    expect((await post("/organiser/consultations/asia", { intent: "close", confirm: "yes" }, organiser)).status).toBe(302);

    const page = await get("/q/asia/s/about", expert, "es");
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This consultation is closed.");
    const refused = await post("/q/asia/s/about", { ...aboutSection, country: "CN" }, expert);
    expect(refused.status).toBe(410);
    const newcomer = await post("/q/asia?index", { __shown: "consent", consent: "on", _action: "next" });
    expect(newcomer.status).toBe(410);
    expect(answersOf(id)).toEqual(saved);
    expect((await get("/organiser/consultations", organiser)).status).toBe(200);
    expect(await (await get("/organiser/consultations", organiser)).text()).toContain("Closed");

    // The default round is another consultation: still open.
    expect((await get("/q/pre-regm")).status).toBe(200);

    expect((await post("/organiser/consultations/asia", { intent: "reopen" }, organiser)).status).toBe(302);
    expect((await post("/q/asia/s/about", { ...aboutSection, country: "CN" }, expert)).status).toBe(302);
    expect(answersOf(id)).toContainEqual({ variable: "country", value: JSON.stringify("CN") });
    const actions = query<{ action: string }>(
      app.databasePath,
      "select action from audit_log where target_id = 'asia' order by id",
    );
    expect(actions.map((a) => a.action)).toEqual(["consultation.create", "consultation.close", "consultation.reopen"]);
  });

  it("opens an invitation's own consultation, in its languages, and ties the response to both", async () => {
    await post(
      "/organiser/invitations",
      { q: "pre-regm", intent: "add", name: "Ana", email: "ana@example.org", organisation: "ONG", language: "es" },
      organiser,
    );
    const list = await (await get("/organiser/invitations?q=pre-regm", organiser)).text();
    const link = list.match(/value="http:\/\/localhost(\/i\?t=[A-Za-z0-9_-]+)"/)![1]!;
    // Until invitations are made under a consultation, one made for the questionnaire opens its first round…
    expect((await get(link)).headers.get("Location")).toBe("/q/pre-regm?lng=es");
    // …and one of the Asia round opens that round, in English only (Spanish is not offered there).
    execute(app.databasePath, "update invitations set consultation_id = 'asia' where email = 'ana@example.org'");
    const ana = new CookieJar();
    const opened = ana.take(await get(link, ana));
    expect(opened.headers.get("Location")).toBe("/q/asia");
    await giveConsent(app.handle, { questionnaireId: "asia", jar: ana });
    const [invitation] = query<{ id: string }>(app.databasePath, "select id from invitations where email = 'ana@example.org'");
    expect(latestResponse()).toMatchObject({ consultation_id: "asia", language: "en" });
    expect(query(app.databasePath, "select invitation_id from responses where id = ?", latestResponse().id)).toEqual([
      { invitation_id: invitation!.id },
    ]);
  });

  it("edits the name, region, languages and days, and says the version is fixed once answered", async () => {
    const page = await (await get("/organiser/consultations/asia", organiser)).text();
    expect(page).toContain("The version is fixed because responses were given in it");
    const edit = consultationForm({ name: "REGM Asia 2021 (Bangkok)", region: "035", opensOn: "", closesOn: "2099-03-31" }, [
      "en",
      "es",
    ]);
    expect((await post("/organiser/consultations/asia", edit, organiser)).status).toBe(302);
    expect(query(app.databasePath, "select name, region, languages, closes_on from consultations where id = 'asia'")).toEqual([
      { name: "REGM Asia 2021 (Bangkok)", region: "035", languages: JSON.stringify(["en", "es"]), closes_on: "2099-03-31" },
    ]);
    const reversed = await post(
      "/organiser/consultations/asia",
      consultationForm({ name: "x", region: "", opensOn: "2099-04-01", closesOn: "2099-03-31" }),
      organiser,
      "es",
    );
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("El día de cierre no puede ser anterior al día de apertura.");
    expect(await (await get("/q/asia", undefined, "es")).text()).toContain("Consulta: REGM Asia 2021 (Bangkok)");
    expect(await (await get("/organiser/consultations", organiser)).text()).toContain("— to 31 March 2099");
    const audit = query<{ details: string }>(
      app.databasePath,
      "select details from audit_log where action = 'consultation.update' order by id desc limit 1",
    );
    expect(JSON.parse(audit[0]!.details)).toEqual({ changed: ["name", "region", "languages", "closesOn"] });
    const log = await (await get("/organiser/audit", await signedIn(app, "admin@example.org", "admin"))).text();
    expect(log).toContain("Changed: name, region, languages offered, closing day.");
    expect(log).toContain("“REGM Asia 2021” created, asking pre-regm version 1.");
  });

  it("keeps the default consultation working at /q/pre-regm and the old consultation page's address", async () => {
    await giveConsent(app.handle);
    // A fresh deployment's default consultation asks the latest released version.
    expect(latestResponse()).toMatchObject({ consultation_id: "pre-regm", questionnaire_version: 2 });
    const old = await get("/organiser/consultation?q=pre-regm", organiser);
    expect(old.status).toBe(302);
    expect(old.headers.get("Location")).toBe("/organiser/consultations/pre-regm");
    expect((await get("/q/no-such-round")).status).toBe(404);
  });
});
