import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";
import demoDefinition from "~/questionnaires/demo";
import preRegmDefinition from "~/questionnaires/pre-regm";
import { seedRandomResponses } from "../../tests/support/random-responses";
import { exportDataset, type ExportRequest } from "./export.server";
import { columnLetters, xmlText } from "./xlsx";

/**
 * The workbook opened by the real reader (LibreOffice Calc, headless) must hold, cell by cell, what
 * the CSV files hold: labelled or coded responses, each group's items, the codebook.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-xlsx-"));

async function bytesOf(chunks: AsyncIterable<string | Uint8Array>) {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

const rowsOf = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
// Calc keeps a line break in a cell as a line feed alone; the file itself keeps the carriage return (read back below).
const asCalcHoldsIt = (rows: string[][]) => rows.map((row) => row.map((cell) => cell.replace(/\r\n?/g, "\n")));

/** A sheet's cells as text, as exceljs reads them back from the file. */
function exceljsRows(sheet: ExcelJS.Worksheet, width: number): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) =>
    rows.push(
      Array.from({ length: width }, (_, i) => {
        const value = row.getCell(i + 1).value;
        return value === null || value === undefined ? "" : String(value as string | number);
      }),
    ),
  );
  return rows;
}

/** Every sheet of a workbook as CSV rows, as LibreOffice reads it (UTF-8, cell contents not as shown). */
function libreOfficeSheets(file: string): string[][][] {
  const out = fs.mkdtempSync(path.join(dir, "lo-"));
  // Tokens: comma, double quote, UTF-8, from line 1, ..., raw contents (9th false), every sheet (12th -1).
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${out}/profile`, "--headless", "--convert-to", filter, "--outdir", out, file],
    {
      stdio: "pipe",
    },
  );
  const stem = path.basename(file, ".xlsx");
  const sheets = fs
    .readdirSync(out)
    .filter((f) => f.startsWith(`${stem}-`) && f.endsWith(".csv"))
    .map((f) => ({ f, n: Number(/-Sheet(\d+)\.csv$/.exec(f)?.[1] ?? NaN) }));
  // LibreOffice names them <stem>-<sheet name>.csv; order them as the workbook does.
  return sheets.map(({ f }) => f).map((f) => rowsOf(fs.readFileSync(path.join(out, f), "utf8")));
}

const parse = (q: unknown) => questionnaireSchema.parse(q);

describe.each([
  ["demo", parse(demoDefinition)],
  ["pre-regm", parse(preRegmDefinition)],
])("the %s workbook", (_, questionnaire: Questionnaire) => {
  const db = openDatabase(":memory:");
  const request = (format: ExportRequest["format"], more: Partial<ExportRequest> = {}): ExportRequest => ({
    format,
    filters: { questionnaireId: questionnaire.id, statuses: ["submitted", "draft"], languages: [], codes: {} },
    language: "es",
    // The CSVs as typed, to compare with workbook text, which is never a formula.
    neutraliseFormulas: false,
    ...more,
  });
  const groups = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === "group");
  let labelled: string[][][];
  let coded: string[][][];
  const csv = async (format: ExportRequest["format"]) =>
    rowsOf((await bytesOf((await exportDataset(db, questionnaire, request(format))).chunks)).toString("utf8"));

  const codedWorkbook = async () => {
    const book = new ExcelJS.Workbook();
    const bytes = await bytesOf((await exportDataset(db, questionnaire, request("xlsx", { codes: true }))).chunks);
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return book;
  };

  beforeAll(async () => {
    await migrateToLatest(db);
    await seedRandomResponses(db, questionnaire, { count: 40, seed: 15 });
    const write = async (name: string, more: Partial<ExportRequest>) => {
      const file = path.join(dir, `${questionnaire.id}-${name}.xlsx`);
      fs.writeFileSync(file, await bytesOf((await exportDataset(db, questionnaire, request("xlsx", more))).chunks));
      return libreOfficeSheets(file);
    };
    labelled = await write("labelled", {});
    coded = await write("coded", { codes: true });
  }, 120_000);

  it("has the responses, one sheet per repeatable group, and the codebook", () => {
    expect(labelled).toHaveLength(groups.length + 2);
    expect(coded).toHaveLength(groups.length + 2);
  });

  it("opens in LibreOffice with every labelled cell as the labelled CSV has it (accents, emoji, line breaks, quotes, formulas)", async () => {
    const responses = labelled.find((s) => s[0]?.[0] === "response_id" && s[0]?.[1] === "questionnaire_version")!;
    expect(responses).toEqual(asCalcHoldsIt(await csv("labelled")));
  });

  it("in codes, holds every cell of the coded CSV and of each group file", async () => {
    const responses = coded.find((s) => s[0]?.[0] === "response_id" && s[0]?.[1] === "questionnaire_version")!;
    expect(responses).toEqual(asCalcHoldsIt(await csv("coded")));
    if (groups.length) expect(coded.find((s) => s[0]?.[1] === "group")).toEqual(asCalcHoldsIt(await csv("groups")));
  });

  it("holds the codebook", async () => {
    expect(coded.find((s) => s[0]?.[0] === "file")).toEqual(asCalcHoldsIt(await csv("codebook")));
  });

  it("keeps text exactly as typed, carriage returns included, as exceljs reads it back", async () => {
    const book = await codedWorkbook();
    const expected = await csv("coded");
    expect(exceljsRows(book.getWorksheet("responses")!, expected[0]!.length)).toEqual(expected);
    if (groups.length) {
      const items = await csv("groups");
      expect(exceljsRows(book.getWorksheet(groups[0]!.id)!, items[0]!.length)).toEqual(items);
    }
  });

  it("freezes and filters each header row, writes numbers as numbers and text starting with = as text", async () => {
    const book = await codedWorkbook();
    const sheet = book.getWorksheet("responses")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:${columnLetters(sheet.getRow(1).cellCount)}${sheet.rowCount}`);
    expect(sheet.getColumn(1).width).toBeGreaterThan(30);
    const version = sheet.getCell("B2");
    expect(version.type).toBe(ExcelJS.ValueType.Number);
    const formulaLikeInCsv = (await csv("coded")).flat().filter((c) => c.startsWith("=")).length;
    let formulas = 0;
    let formulaLike = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
        if (typeof cell.value === "string" && cell.value.startsWith("=")) formulaLike++;
      }),
    );
    expect(formulas).toBe(0);
    expect(formulaLike).toBe(formulaLikeInCsv);
  });
});

describe("workbook text", () => {
  it("keeps what XML would lose: carriage returns, control characters, text that reads like an escape", () => {
    expect(xmlText("a\r\nb")).toBe("a&#13;\nb");
    expect(xmlText("bell\u0007")).toBe("bell_x0007_");
    expect(xmlText("_x000D_ <&>")).toBe("_x005F_x000D_ &lt;&amp;&gt;");
    expect(xmlText("emoji 🤝🏽\ttab")).toBe("emoji 🤝🏽\ttab");
  });

  it("names columns as spreadsheets do", () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
});
