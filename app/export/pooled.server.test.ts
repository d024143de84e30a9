import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answered } from "../../tests/support/answers";
import { havenRead, psppConvertRows, psppDictionary, readstatRows } from "../../tests/support/sav-readers";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { questionnaireSchema } from "~/engine/definition";
import { MISSING } from "~/engine/missing";
import { createResponse, saveSection, submitResponse, type AnswerToStore } from "~/models/response.server";
import preRegmV1 from "~/questionnaires/definitions/pre-regm/v1.json";
import preRegmV2 from "~/questionnaires/definitions/pre-regm/v2.json";
import { exportDataset, type ExportFormat, type ExportRequest } from "./export.server";

/**
 * One dataset of two Pre-REGM rounds: the Mexico round answered v1, the Asia round v2 (which adds practice
 * code 9 and rewords cs_role). Read back by the real tools: PSPP, ReadStat and R haven.
 */
const v1 = questionnaireSchema.parse(preRegmV1);
const v2 = questionnaireSchema.parse(preRegmV2);
const versionOf = (version: number) => [v1, v2].find((q) => q.version === version);
const filters = { questionnaireId: "pre-regm", statuses: ["submitted" as const], languages: [], codes: {} };
const NOT_ASKED = String(MISSING.notAsked);
const V1_CS_ROLE = "What role should civil society play in PPPs against trafficking in persons?";
const V2_CS_ROLE =
  "What role should civil society, including organisations of survivors of trafficking, play in PPPs against trafficking in persons?";
const NEW_PRACTICE = "Platforms or agreements for sharing information between government, the private sector and civil society";

const responses: Array<{ id: string; version: number; consultation: string; answers: AnswerToStore[] }> = [
  {
    id: "00000000-0000-4000-8000-00000000000a",
    version: 1,
    consultation: "pre-regm",
    answers: [answered("practice", [1, 4]), answered("cs_role", "Accompany victims")],
  },
  {
    id: "00000000-0000-4000-8000-00000000000b",
    version: 2,
    consultation: "asia-2021",
    answers: [answered("practice", [9]), answered("cs_role", "Survivor-led groups")],
  },
];

let db: ReturnType<typeof openDatabase>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-pooled-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
  const now = new Date().toISOString();
  await db
    .insertInto("consultations")
    .values([
      {
        id: "pre-regm",
        questionnaire_id: "pre-regm",
        questionnaire_version: 1,
        name: "Mexico, Central America and the Caribbean",
        created_at: now,
        updated_at: now,
      },
      { id: "asia-2021", questionnaire_id: "pre-regm", questionnaire_version: 2, name: "Asia", created_at: now, updated_at: now },
    ])
    .execute();
  for (const [i, r] of responses.entries()) {
    await createResponse(db, {
      id: r.id,
      questionnaireId: "pre-regm",
      questionnaireVersion: r.version,
      language: "en",
      tokenHash: `t${i}`,
      codeHash: `c${i}`,
    });
    await db.updateTable("responses").set({ consultation_id: r.consultation }).where("id", "=", r.id).execute();
    await saveSection(db, { responseId: r.id, language: "en", currentSection: null, answers: r.answers, notShown: [] });
    await submitResponse(db, r.id);
  }
});

async function bytes(format: ExportFormat, more: Partial<ExportRequest> = {}) {
  const file = await exportDataset(db, v2, { format, filters, language: "en", ...more }, versionOf);
  const parts: Buffer[] = [];
  for await (const chunk of file.chunks) parts.push(Buffer.from(chunk));
  return { name: file.filename, bytes: Buffer.concat(parts) };
}
const table = async (format: ExportFormat, more: Partial<ExportRequest> = {}) => {
  const [header, ...rows] = Papa.parse<string[]>((await bytes(format, more)).bytes.toString("utf8").replace(/^\uFEFF/, ""), {
    skipEmptyLines: true,
  }).data;
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
};

describe("a dataset pooling two consultations answered in v1 and v2", () => {
  it("has a consultation column and each response's cells from its own version", async () => {
    const [a, b] = await table("coded");
    expect(a).toMatchObject({ consultation: "pre-regm", questionnaire_version: "1", practice___1: "1", practice___9: NOT_ASKED });
    expect(b).toMatchObject({ consultation: "asia-2021", questionnaire_version: "2", practice___1: "0", practice___9: "1" });
    expect(a!.cs_role).toBe("Accompany victims");
    const labelled = await table("labelled");
    expect(labelled[0]!.practice___9).toBe("Not asked in this version of the questionnaire");
    expect((await bytes("coded")).name).toMatch(/^pre-regm-v1-v2-/);
  });

  it("exports one consultation with only its rows, in its own version", async () => {
    const rows = await table("coded", { consultations: ["asia-2021"] });
    expect(rows.map((r) => r.consultation)).toEqual(["asia-2021"]);
    expect(rows[0]!.practice___9).toBe("1");
    // Only v2 is pooled: nothing is "not asked".
    const codebook = await table("codebook", { consultations: ["asia-2021"] });
    expect(codebook.find((r) => r.variable === "practice___9")!.missing_codes_en).not.toContain(NOT_ASKED);
  });

  it("says in the codebook which versions asked each variable and how each worded a reworded question", async () => {
    const codebook = await table("codebook");
    const row = (variable: string) => codebook.find((r) => r.file === "main" && r.variable === variable)!;
    expect(row("practice___9")).toMatchObject({ asked_in: "v2" });
    expect(row("practice___9").label_en).toContain(NEW_PRACTICE);
    expect(row("practice___9").missing_codes_en).toContain(`${NOT_ASKED} = Not asked in this version of the questionnaire`);
    expect(row("practice___9").missing_codes_es).toContain(`${NOT_ASKED} = No se preguntó en esta versión del cuestionario`);
    expect(row("practice___1")).toMatchObject({ asked_in: "v1, v2" });
    expect(row("practice___1").missing_codes_en).not.toContain(NOT_ASKED);
    expect(row("cs_role").label_en).toBe(V2_CS_ROLE);
    expect(row("cs_role").wording_by_version_en).toBe(`v1: ${V1_CS_ROLE} | v2: ${V2_CS_ROLE}`);
    expect(row("practice___1").wording_by_version_en).toBe("");
    expect(row("consultation").values_en.split(" | ").sort()).toEqual([
      "asia-2021 = Asia",
      "pre-regm = Mexico, Central America and the Caribbean",
    ]);
    const datapackage = JSON.parse((await bytes("datapackage")).bytes.toString("utf8")) as {
      resources: Array<{ schema: { fields: Array<{ name: string; description?: string }>; missingValues: string[] } }>;
    };
    const fields = datapackage.resources[0]!.schema.fields;
    expect(fields.find((f) => f.name === "practice___9")!.description).toContain("Asked in: v2");
    expect(fields.find((f) => f.name === "cs_role")!.description).toContain(`Worded: v1: ${V1_CS_ROLE}`);
    expect(datapackage.resources[0]!.schema.missingValues).toContain(NOT_ASKED);
  });

  it("has the same codebook in the workbook's codebook sheet", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bytes("xlsx")).bytes as never);
    const sheet = book.worksheets.find((w) => w.getCell(1, 1).value === "file" && w.getCell(1, 2).value === "variable")!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    const header = rows[0]!;
    const csRole = rows.find((r) => r[1] === "cs_role")!;
    expect(csRole[header.indexOf("wording_by_version_en")]).toBe(`v1: ${V1_CS_ROLE} | v2: ${V2_CS_ROLE}`);
    expect(rows.find((r) => r[1] === "practice___9")![header.indexOf("asked_in")]).toBe("v2");
  });

  it("opens in PSPP, ReadStat and R haven as a .sav with the new option labelled and not asked as missing", async () => {
    const file = path.join(dir, "pooled.sav");
    fs.writeFileSync(file, (await bytes("sav")).bytes);
    const dictionary = psppDictionary(file);
    expect(dictionary.problems).toEqual([]);
    // PSPP wraps its tables: the missing values of practice___9 take the three lines after its format.
    const lines = dictionary.output.split("\n");
    const formats = lines.findIndex((l) => /^\|practice___9 +\|Right/.test(l));
    expect(lines.slice(formats, formats + 3).join(" ")).toMatch(/-99;.*-88;.*-44/);
    expect(dictionary.output).toContain("Platforms or");
    expect(dictionary.output).toMatch(/-44\[a\] +\|Not asked in this version/);
    const readstat = readstatRows(file);
    const column = readstat[0]!.indexOf("practice___9");
    // ReadStat prints user-missing values as they are; PSPP and haven know them as missing.
    expect(readstat.slice(1).map((r) => Number(r[column]))).toEqual([MISSING.notAsked, 1]);
    expect(
      psppConvertRows(file)
        .rows.slice(1)
        .map((r) => r[column]),
    ).toHaveLength(2);
    const haven = havenRead(file);
    const practice9 = haven.variables.find((v) => v.name === "practice___9")!;
    expect(practice9.label).toContain(NEW_PRACTICE);
    expect([...practice9.naValues.map(Number), ...(practice9.naRange ?? [])]).toContain(MISSING.notAsked);
    expect(practice9.labels).toContainEqual({ code: NOT_ASKED, label: "Not asked in this version of the questionnaire" });
    const consultation = haven.variables.find((v) => v.name === "consultation")!;
    expect(consultation.labels).toContainEqual({ code: "asia-2021", label: "Asia" });
  });

  it("opens in R haven as a .dta with not asked as its own tagged missing value", async () => {
    const file = path.join(dir, "pooled.dta");
    fs.writeFileSync(file, (await bytes("dta")).bytes);
    const script = path.join(dir, "tags.R");
    fs.writeFileSync(
      script,
      `suppressPackageStartupMessages(library(haven))
d <- read_dta(commandArgs(trailingOnly = TRUE)[1])
x <- d$practice___9
cat(ifelse(is.na(na_tag(x)), format(unclass(x)), paste0(".", na_tag(x))), sep = ",")
cat("\\n")
l <- attr(x, "labels")
cat(names(l)[which(na_tag(l) == "f")], "\\n")
`,
    );
    const run = spawnSync("Rscript", [script, file], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    const [cells, label] = run.stdout.trim().split("\n");
    expect(cells!.split(",").map((c) => c.trim())).toEqual([".f", "1"]);
    expect(label!.trim()).toBe("Not asked in this version of the questionnaire");
  });

  it("reads not asked as missing in the R script and Stata do-file of the SPSS and syntax files", async () => {
    const zip = unzipSync(new Uint8Array((await bytes("zip")).bytes));
    const names = Object.keys(zip);
    const script = strFromU8(zip[names.find((n) => n.endsWith(".R") && !n.includes("-items"))!]!);
    expect(script).toContain(`${MISSING.notAsked} not asked`);
    const doFile = strFromU8(zip[names.find((n) => n.endsWith(".do") && !n.includes("-items"))!]!);
    expect(doFile).toContain(`${MISSING.notAsked}=.f`);
    // Stata labels numbers only: the consultation ids are encoded, then named.
    expect(doFile).toMatch(/label define consultation 1 `"asia-2021"' 2 `"pre-regm"', replace\n/);
    expect(doFile).toContain("encode consultation, generate(consultation_code) label(consultation) noextend");
    expect(doFile).toContain('label define consultation 1 `"Asia"\' 2 `"Mexico, Central America and the Caribbean"\', modify');
    const readme = strFromU8(zip["README.txt"]!);
    expect(readme).toContain("-44 marks a variable not asked");
  });
});
