import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { CookieJar, loadApp, pages } from "../support/app";
import { giveConsent } from "../support/consent";
import { query } from "../support/db";

// Issue #20's "done when", through the built app: the Mexico round answered in v1; then v2 (a new practice,
// a reworded question) and a second round, Asia, created in the app (English only, Asia's countries) and
// answered in v2; one export pools both, with its codebook and cells right for each version.
let app: Awaited<ReturnType<typeof loadApp>>;
let web: ReturnType<typeof pages>;
let organiser: CookieJar;

const ABOUT = { __shown: "org_type,country,scope,role,years,areas", org_type: "6", country: "MX", scope: "2", years: "3" };
const V1_CS_ROLE = "What role should civil society play in PPPs against trafficking in persons?";
const V2_CS_ROLE =
  "What role should civil society, including organisations of survivors of trafficking, play in PPPs against trafficking in persons?";

/** A respondent of `consultation` who answers the about, practices and roles pages; returns the new response's id. */
async function answer(consultation: string, practices: string[], csRole: string): Promise<string> {
  const jar = await giveConsent(app.handle, { questionnaireId: consultation });
  const send = async (section: string, fields: Record<string, string | string[]>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...fields, _action: "next" }))
      for (const v of [value].flat()) form.append(name, v);
    const response = jar.take(await web.post(`/q/${consultation}/s/${section}`, form, jar));
    expect(response.status, section).toBe(302);
  };
  await send("about", { ...ABOUT, areas: "97" });
  await send("practices", { __shown: "ppp_ex,practice", practice: practices });
  await send("lessons", { __shown: "lessons,recs,enablers" });
  await send("roles", { __shown: "io_role,cs_role,hub", cs_role: csRole });
  return query<{ id: string }>(app.databasePath, "select id from responses order by created_at desc, id limit 1")[0]!.id;
}

let mexico: string;
let asia: string;

/** An organiser's form as the consultation pages send it; `languages` ticked one by one. */
function consultationForm(fields: Record<string, string>, languages: string[]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const language of languages) form.append("languages", language);
  return form;
}

beforeAll(async () => {
  app = await loadApp();
  web = pages(app);
  organiser = await signedIn(app, "pooled-organiser@example.org", "organiser");
  // The Mexico round, set up in the app as it was before v2 was released: the default consultation, on v1.
  const mexicoRound = consultationForm(
    { name: "Mexico, Central America and the Caribbean", version: "1", region: "419", opensOn: "", closesOn: "" },
    ["en", "es"],
  );
  expect((await web.post("/organiser/consultations/pre-regm", mexicoRound, organiser)).status).toBe(302);
  mexico = await answer("pre-regm", ["1", "4"], "Accompany victims");
  // Then v2, and the Asia round created in the app: English only, Asia's countries, asking v2.
  const asiaRound = consultationForm(
    { id: "asia-2021", questionnaire: "pre-regm:2", name: "Asia", region: "142", opensOn: "", closesOn: "" },
    ["en"],
  );
  expect((await web.post("/organiser/consultations?index", asiaRound, organiser)).status).toBe(302);
  asia = await answer("asia-2021", ["9"], "Survivor-led groups");
  // Each respondent's consultation and its version, as the respondent side records them.
  expect(query(app.databasePath, "select id, consultation_id, questionnaire_version from responses order by id")).toEqual(
    [
      { id: mexico, consultation_id: "pre-regm", questionnaire_version: 1 },
      { id: asia, consultation_id: "asia-2021", questionnaire_version: 2 },
    ].sort((a, b) => a.id.localeCompare(b.id)),
  );
});

describe("a round's version", () => {
  it("is fixed once answered: moving the Mexico round to v2 is refused with a message, and nothing changes", async () => {
    const moved = await web.post(
      "/organiser/consultations/pre-regm",
      consultationForm({ name: "Mexico", version: "2", region: "419", opensOn: "", closesOn: "" }, ["en", "es"]),
      organiser,
    );
    expect(moved.status).toBe(409);
    expect(await moved.text()).toContain("The questionnaire version cannot change any more: responses were given in this one.");
    expect(query(app.databasePath, "select name, questionnaire_version from consultations where id = 'pre-regm'")).toEqual([
      { name: "Mexico, Central America and the Caribbean", questionnaire_version: 1 },
    ]);
  });

  it("keeps Asia in English: a Spanish visitor gets the English pages", async () => {
    const page = await web.get("/q/asia-2021?lng=es");
    expect(await page.text()).toContain('lang="en"');
  });
});

async function download(format: string, consultations: string[]) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ q: "pre-regm", format, labels: "en", status: "draft", c_offered: "1" }))
    form.append(name, value);
  for (const c of consultations) form.append("c", c);
  return web.post("/organiser/export/file", form, organiser);
}

async function rows(format: string, consultations: string[]) {
  const response = await download(format, consultations);
  expect(response.status).toBe(200);
  return Papa.parse<Record<string, string>>((await response.text()).replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

describe("the export of two consultations answered in v1 and v2", () => {
  it("offers each consultation of the questionnaire, the one the organiser came from ticked", async () => {
    const checked = (html: string, id: string) => new RegExp(`<input[^>]*id="c-${id}"[^>]*checked`).test(html);
    const one = await (await web.get("/organiser/export?q=pre-regm&c=asia-2021", organiser)).text();
    expect(one).toContain("Asia (asia-2021, version 2)");
    expect(one).toContain("Mexico, Central America and the Caribbean (pre-regm, version 1)");
    expect(checked(one, "asia-2021")).toBe(true);
    expect(checked(one, "pre-regm")).toBe(false);
    const all = await (await web.get("/organiser/export", organiser)).text();
    expect(checked(all, "asia-2021") && checked(all, "pre-regm")).toBe(true);
  });

  it("pools both in one coded file, each response's cells from its own version", async () => {
    const coded = await rows("coded", ["pre-regm", "asia-2021"]);
    const byId = new Map(coded.map((r) => [r.response_id, r]));
    expect(byId.get(mexico)).toMatchObject({
      consultation: "pre-regm",
      questionnaire_version: "1",
      practice___1: "1",
      practice___4: "1",
      practice___9: "-44",
      cs_role: "Accompany victims",
    });
    expect(byId.get(asia)).toMatchObject({
      consultation: "asia-2021",
      questionnaire_version: "2",
      practice___1: "0",
      practice___9: "1",
      cs_role: "Survivor-led groups",
    });
    expect(coded).toHaveLength(2);
  });

  it("says in the codebook which version asked what and how each worded cs_role", async () => {
    const codebook = await rows("codebook", ["pre-regm", "asia-2021"]);
    const row = (variable: string) => codebook.find((r) => r.file === "main" && r.variable === variable)!;
    expect(row("practice___9")).toMatchObject({ asked_in: "v2" });
    expect(row("practice___9").missing_codes_es).toContain("-44 = No se preguntó en esta versión del cuestionario");
    expect(row("practice___4")).toMatchObject({ asked_in: "v1, v2" });
    expect(row("cs_role").wording_by_version_en).toBe(`v1: ${V1_CS_ROLE} | v2: ${V2_CS_ROLE}`);
    expect(row("consultation").values_en).toContain("asia-2021 = Asia");
  });

  it("exports one consultation with only its rows", async () => {
    const coded = await rows("coded", ["asia-2021"]);
    expect(coded.map((r) => r.response_id)).toEqual([asia]);
    const mexicoOnly = await rows("coded", ["pre-regm"]);
    expect(mexicoOnly.map((r) => r.response_id)).toEqual([mexico]);
    // Only v1 is pooled then: its own columns, without v2's new option.
    expect(mexicoOnly[0]).not.toHaveProperty("practice___9");
  });

  it("refuses a consultation of another questionnaire, or none ticked, with a message", async () => {
    const unknown = await download("coded", ["nowhere"]);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("There is no such consultation of this questionnaire: nowhere.");
    const none = await download("coded", []);
    expect(none.status).toBe(400);
    expect(await none.text()).toBe("Tick at least one consultation.");
  });
});
