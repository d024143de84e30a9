import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { questionnaireSchema } from "~/engine/definition";
import { createResponse, saveSection, submitResponse } from "~/models/response.server";
import { exportCodedCsv } from "./coded-csv.server";

const questionnaire = questionnaireSchema.parse({
  id: "mini",
  version: 3,
  languages: ["en"],
  lists: { org: [{ code: 1 }, { code: 96, other: true }] },
  sections: [
    {
      id: "s1",
      questions: [
        { id: "org", type: "single", list: "org" },
        { id: "country", type: "country" },
        { id: "note", type: "text" },
      ],
    },
  ],
});

const submitted = { questionnaireId: "mini", statuses: ["submitted" as const], languages: [], codes: {} };
const all = { ...submitted, statuses: ["submitted" as const, "draft" as const] };

let db: ReturnType<typeof openDatabase>;
beforeEach(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
});

async function respond(answers: Parameters<typeof saveSection>[1]["answers"], submit = true) {
  const id = crypto.randomUUID();
  const response = await createResponse(db, {
    id,
    questionnaireId: "mini",
    questionnaireVersion: 3,
    language: "es",
    tokenHash: `token-${id}`,
    codeHash: `code-${id}`,
  });
  await saveSection(db, { responseId: response.id, language: "es", currentSection: "s1", answers, notShown: [] });
  if (submit) await submitResponse(db, response.id);
  return response.id;
}

function parse(csv: string) {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  return Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
}

describe("exportCodedCsv", () => {
  it("writes one row per submitted response with codes, other text and missing-value codes", async () => {
    const id = await respond([
      { variable: "org", state: "answered", value: 96, otherText: "Fundación" },
      { variable: "country", state: "answered", value: "MX" },
      { variable: "note", state: "empty" },
    ]);
    await respond([{ variable: "org", state: "answered", value: 1 }], false);

    const { csv, count } = await exportCodedCsv(db, questionnaire, { filters: submitted });
    const rows = parse(csv);
    expect(count).toBe(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      response_id: id,
      questionnaire_version: "3",
      language: "es",
      status: "submitted",
      org: "96",
      org_other: "Fundación",
      country: "MX",
      note: "-99",
    });
  });

  it("includes drafts only when asked, marking questions never reached as not answered", async () => {
    await respond([{ variable: "org", state: "not_shown" }], false);
    const rows = parse((await exportCodedCsv(db, questionnaire, { filters: all })).csv);
    expect(rows[0]).toMatchObject({ status: "draft", org: "-88", org_other: "-88", country: "-99" });
  });

  it("neutralises text that a spreadsheet would run as a formula", async () => {
    await respond([{ variable: "note", state: "answered", value: "=HYPERLINK(\"http://x\")" }]);
    const rows = parse((await exportCodedCsv(db, questionnaire, { filters: submitted })).csv);
    expect(rows[0]!.note).toBe("'=HYPERLINK(\"http://x\")");
  });
});
