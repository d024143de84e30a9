import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { answered, empty } from "../../tests/support/answers";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { questionnaireSchema } from "~/engine/definition";
import { createResponse, loadAnswerStates, saveSection, submitResponse, type AnswerToStore } from "~/models/response.server";
import { responseDetail } from "~/organiser/response-detail.server";
import preRegmDefinition from "~/questionnaires/pre-regm";
import { exportDataset, type ExportFormat } from "./export.server";

// The missing-value scheme on Pre-REGM, stored as the app stores it (one save per section reached).
const preRegm = questionnaireSchema.parse(preRegmDefinition);
const filters = { questionnaireId: "pre-regm", statuses: ["submitted" as const, "draft" as const], languages: [], codes: {} };

const about = (orgType: number): AnswerToStore[] => [
  answered("org_type", orgType),
  { variable: "industry", state: "not_shown" },
  answered("country", "MX"),
  answered("scope", 1),
  answered("role", "=SUM(A1:A9)"),
  answered("years", 1),
  answered("areas", [1]),
];
const supplyChains: AnswerToStore[] = [answered("chal_sc", { "1": 2 }), empty("chal_sc_main")];
const followUp: AnswerToStore[] = [answered("consent", true), answered("cite", 1), empty("meetings"), empty("email")];
const practicesWith = (ppp: AnswerToStore): AnswerToStore[] => [ppp, empty("practice")];
const sections = (...parts: AnswerToStore[][]) => parts;

const ids = {
  // An example whose multiple choices were left untouched (the form sends [] for them).
  example: "00000000-0000-4000-8000-000000000001",
  // Saw the examples and added none.
  none: "00000000-0000-4000-8000-000000000002",
  // A draft that stopped after the first section.
  draft: "00000000-0000-4000-8000-000000000003",
};

const stored: Array<{ id: string; submit: boolean; saves: AnswerToStore[][] }> = [
  {
    id: ids.example,
    submit: true,
    saves: sections(
      about(6),
      supplyChains,
      practicesWith(
        answered("ppp_ex", [
          { name: "Hotline", partners: [], sectors: [], activities: "Training", may_cite: 1, other_countries: "" },
        ]),
      ),
      [empty("lessons"), empty("recs"), empty("enablers")],
      [empty("io_role"), empty("cs_role"), empty("hub")],
      followUp,
    ),
  },
  {
    id: ids.none,
    submit: true,
    saves: sections(
      about(96),
      supplyChains,
      practicesWith(empty("ppp_ex")),
      [empty("lessons"), empty("recs"), empty("enablers")],
      [empty("io_role"), empty("cs_role"), empty("hub")],
      followUp,
    ),
  },
  { id: ids.draft, submit: false, saves: sections(about(6)) },
];

let db: ReturnType<typeof openDatabase>;
beforeAll(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
  for (const [i, r] of stored.entries()) {
    await createResponse(db, {
      id: r.id,
      questionnaireId: "pre-regm",
      questionnaireVersion: 1,
      language: "en",
      tokenHash: `t${i}`,
      codeHash: `c${i}`,
    });
    for (const answers of r.saves)
      await saveSection(db, { responseId: r.id, language: "en", currentSection: null, answers, notShown: [] });
    if (r.submit) await submitResponse(db, r.id);
  }
});

async function read(format: ExportFormat, options: Record<string, unknown> = {}) {
  const file = await exportDataset(db, preRegm, { format, filters, language: "en", ...options });
  let text = "";
  for await (const chunk of file.chunks) text += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
  return text;
}
const table = (text: string) =>
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
const byId = async (format: ExportFormat, options: Record<string, unknown> = {}) =>
  new Map(table(await read(format, options)).map((row) => [row.response_id!, row]));

describe("the missing-value scheme", () => {
  it("codes an untouched multiple choice of a group item as no answer, not as 0 in every flag", async () => {
    const [item] = table(await read("groups"));
    const flags = Object.keys(item!).filter((k) => k.startsWith("partners___") || k.startsWith("sectors___"));
    expect(flags.length).toBeGreaterThan(5);
    for (const flag of flags) expect(item![flag], flag).toBe("-99");
    expect(item!.name).toBe("Hotline");
  });

  it("codes the other text as not applicable when Other was not chosen, never blank", async () => {
    const rows = await byId("coded");
    expect(rows.get(ids.example)!.org_type_other).toBe("-88");
    expect(rows.get(ids.none)!.org_type).toBe("96");
  });

  it("counts no examples as 0 when the respondent saw them, -99 when not reached", async () => {
    const rows = await byId("coded");
    expect(rows.get(ids.example)!.ppp_ex_n).toBe("1");
    expect(rows.get(ids.none)!.ppp_ex_n).toBe("0");
    expect(rows.get(ids.draft)!.ppp_ex_n).toBe("-99");
  });

  it("keeps the codebook as written and names the missing codes in every language", async () => {
    const codebook = table(await read("codebook"));
    const orgType = codebook.find((row) => row.variable === "org_type")!;
    expect(orgType.missing_codes_en).toBe("-99 = No answer | -88 = Not shown (skip logic)");
    expect(orgType.missing_codes_es).toContain("-99 = Sin respuesta");
    for (const row of codebook) for (const cell of Object.values(row)) expect(cell.startsWith("'"), row.variable).toBe(false);
    // The Spanish labelled file's "Sin respuesta" maps back to its code through the codebook.
    const spanish = await byId("labelled", { language: "es" });
    const meetings = spanish.get(ids.none)!.meetings!;
    const codes = codebook.find((row) => row.variable === "meetings")!.missing_codes_es!;
    expect(codes.split(" | ")).toContain(`-99 = ${meetings}`);
  });

  it("keeps text exactly as typed in the coded file and guards it in the labelled file", async () => {
    expect((await byId("coded")).get(ids.example)!.role).toBe("=SUM(A1:A9)");
    expect((await byId("labelled")).get(ids.example)!.role).toBe("'=SUM(A1:A9)");
    expect((await byId("labelled", { neutraliseFormulas: false })).get(ids.example)!.role).toBe("=SUM(A1:A9)");
  });
});

describe("not shown, one source of truth", () => {
  it("the detail page says not shown where the export says -88, for a section routing skipped whole", async () => {
    const coded = (await byId("coded")).get(ids.example)!;
    expect(coded.chal_fi_r1).toBe("-88");
    const detail = responseDetail(preRegm, await loadAnswerStates(db, ids.example), "en");
    const finance = detail.find((s) => s.id === "ch_fin")!;
    for (const q of finance.questions) expect(q.state, q.id).toBe("not_shown");
    // A section reached and saved keeps its states; one not reached in a draft says so.
    const draft = responseDetail(preRegm, await loadAnswerStates(db, ids.draft), "en");
    expect(draft.find((s) => s.id === "practices")!.questions[0]!.state).toBe("not_reached");
    expect(draft.find((s) => s.id === "ch_fin")!.questions[0]!.state).toBe("not_shown");
  });
});
