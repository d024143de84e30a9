import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { datasetModel } from "~/engine/dataset-model";
import { METADATA_COLUMNS } from "./columns";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";
import { MISSING } from "~/engine/missing";
import demoDefinition from "~/questionnaires/demo";
import preRegmDefinition from "~/questionnaires/pre-regm";
import { seedRandomResponses } from "../../tests/support/random-responses";
import { havenRead, psppConvertRows, psppDictionary, readstatRows } from "../../tests/support/sav-readers";
import { exportDataset, type ExportFormat } from "./export.server";
import { SAV_LIMITS, spssDate } from "./sav";

/**
 * The .sav of random responses (line breaks, quotes, emoji, accents, every missing state), opened
 * by PSPP, ReadStat and R haven: every cell must equal the coded CSV of the same export, and the
 * labels those of the codebook in the export's language.
 */

const MISSING_CODES = new Set<number>(Object.values(MISSING));
const rowsOf = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

async function bytesOf(chunks: AsyncIterable<string | Uint8Array>) {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** How a column of a file is stored in the .sav, from the model (not from the writer). */
function storedAs(questionnaire: Questionnaire, name: string, group?: string): "number" | "date" | "string" {
  const model = datasetModel(questionnaire);
  const keys = group ? ["response_id", "group", "item"] : METADATA_COLUMNS;
  if ((keys as readonly string[]).includes(name))
    return name === "questionnaire_version" || name === "item" ? "number" : "string";
  const variable = (group ? model.groups.get(group) : model.variables)!.find((v) => v.name === name)!;
  if (variable.kind === "date") return "date";
  return variable.kind === "text" || variable.values === "countries" ? "string" : "number";
}

const closeTo = (a: string | undefined, b: string) => Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(b)));
/** Strings in a .sav are padded with spaces; every reader drops trailing ones. */
const asStored = (text: string) => Buffer.from(text).subarray(0, SAV_LIMITS.stringBytes).toString().trimEnd();

/** Every cell of a reader's rows against the coded CSV's, with the reader's way of showing dates. */
function expectSameCells(
  questionnaire: Questionnaire,
  coded: string[][],
  read: string[][],
  date: (cell: string | undefined, coded: string) => void,
  group?: string,
) {
  const [header, ...rows] = coded;
  expect(read[0]).toEqual(header);
  expect(read.length).toBe(coded.length);
  header!.forEach((name, col) => {
    const as = storedAs(questionnaire, name, group);
    rows.forEach((row, r) => {
      const [got, want] = [read[r + 1]![col], row[col]!];
      const where = `${name}, row ${r + 1}: ${JSON.stringify(got)} for ${JSON.stringify(want)}`;
      if (as === "number") expect(closeTo(got, want), where).toBe(true);
      else if (as === "date") date(got, want);
      else expect(got?.trimEnd(), where).toBe(asStored(want));
    });
  });
}

const demo = questionnaireSchema.parse(demoDefinition);
const preRegm = questionnaireSchema.parse(preRegmDefinition);

describe.each([
  { questionnaire: demo, count: 40 },
  { questionnaire: preRegm, count: 30 },
])("the .sav of $count random responses to $questionnaire.id", ({ questionnaire, count }) => {
  const language = questionnaire.languages.at(-1)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `consulta-sav-${questionnaire.id}-`));
  const file = path.join(dir, "dataset.sav");
  let coded: string[][];
  let codebook: Array<Record<string, string>>;
  let zip: Record<string, Uint8Array>;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const db = openDatabase(":memory:");
    await migrateToLatest(db);
    await seedRandomResponses(db, questionnaire, { count, seed: 15 });
    const filters = {
      questionnaireId: questionnaire.id,
      statuses: ["submitted" as const, "draft" as const],
      languages: [],
      codes: {},
    };
    const download = async (format: ExportFormat) =>
      bytesOf((await exportDataset(db, questionnaire, { format, filters, language, includePersonal: true })).chunks);
    fs.writeFileSync(file, await download("sav"));
    coded = rowsOf((await download("coded")).toString("utf8"));
    codebook = Papa.parse<Record<string, string>>((await download("codebook")).toString("utf8").replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    zip = unzipSync(await download("zip"));
    await db.destroy();
  }, 120_000);

  it("PSPP opens it with no warning", () => {
    const { output, problems } = psppDictionary(file);
    expect(problems).toEqual([]);
    for (const name of coded[0]!) expect(output).toContain(name);
  });

  it("ReadStat reads every cell of the coded CSV, dates as SPSS dates", () => {
    expect(coded.length).toBeGreaterThan(1);
    expectSameCells(questionnaire, coded, readstatRows(file), (got, want) => {
      expect(Number(got), want).toBe(spssDate(/^-?\d+$/.test(want) ? Number(want) : want));
    });
  });

  it("pspp-convert writes every cell of the coded CSV", () => {
    const { rows, problems } = psppConvertRows(file);
    expect(problems).toBe("");
    // PSPP's CSV writer puts LF for CR LF inside values; dates as mm/dd/yyyy, missing codes of dates as blank.
    const lf = coded.map((row) => row.map((cell) => cell.replace(/\r\n/g, "\n")));
    expectSameCells(questionnaire, lf, rows, (got, want) => {
      const [y, m, d] = want.split("-");
      expect(got?.trim(), want).toBe(MISSING_CODES.has(Number(want)) ? "" : `${m}/${d}/${y}`);
    });
  });

  it("R haven reads every cell, the codebook's labels, value labels and user-missing codes (numbers only)", () => {
    const read = havenRead(file);
    const dates = new Map(read.dates[0]?.map((name, i) => [name, read.dates.slice(1).map((r) => r[i]!)]));
    expectSameCells(questionnaire, coded, read.rows, () => {});
    for (const [name, days] of dates) {
      const col = coded[0]!.indexOf(name);
      expect(days).toEqual(coded.slice(1).map((r) => (MISSING_CODES.has(Number(r[col])) ? "NA" : r[col])));
    }
    const main = new Map(codebook.filter((r) => r.file === "main").map((r) => [r.variable!, r]));
    for (const v of read.variables) {
      const entry = main.get(v.name)!;
      const label = Buffer.from(entry[`label_${language}`]!.replace(/\s*[\r\n]+\s*/g, " "))
        .subarray(0, SAV_LIMITS.variableLabelBytes)
        .toString()
        .replace(/\uFFFD$/, "");
      expect(v.label, v.name).toBe(label.trim());
      const missing = (entry[`missing_codes_${language}`] ?? "").split(" | ").filter(Boolean);
      const numeric = storedAs(questionnaire, v.name) !== "string";
      const codes = missing.map((m) => Number(m.split(" = ")[0])).sort();
      if (v.naRange) {
        // More than three codes (a grid with "don't know" and "not relevant"): SPSS's range from the lowest to the highest.
        expect(numeric && codes.length > 3, v.name).toBe(true);
        expect(v.naRange, v.name).toEqual([Math.min(...codes), Math.max(...codes)]);
      } else expect(v.naValues.map(Number).sort(), v.name).toEqual(numeric ? codes : []);
      for (const pair of (entry[`values_${language}`] ?? "").split(" | ").filter(Boolean).slice(0, 20)) {
        const [code, ...words] = pair.split(" = ");
        const wanted = Buffer.from(words.join(" = "))
          .subarray(0, SAV_LIMITS.valueLabelBytes)
          .toString()
          .replace(/\uFFFD$/, "");
        expect(v.labels, `${v.name} ${code}`).toContainEqual({ code: code!, label: wanted });
      }
    }
  });

  it("the zip holds the .sav and one for each repeatable group's items, with the parent key response_id", () => {
    const names = Object.keys(zip);
    const sav = names.filter((n) => n.endsWith(".sav"));
    const groups = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === "group");
    expect(sav).toHaveLength(1 + groups.length);
    const readme = strFromU8(zip["README.txt"]!);
    for (const n of sav) expect(readme).toContain(`- ${n}`);
    for (const g of groups) {
      const items = path.join(dir, `${g.id}.sav`);
      fs.writeFileSync(items, zip[names.find((n) => n.endsWith(`-${g.id}-items.sav`))!]!);
      const csv = rowsOf(strFromU8(zip[names.find((n) => n.endsWith(`-${g.id}-items.csv`))!]!));
      expect(psppDictionary(items).problems).toEqual([]);
      expect(readstatRows(items)[0]!.slice(0, 3)).toEqual(["response_id", "group", "item"]);
      expectSameCells(
        questionnaire,
        csv,
        readstatRows(items),
        (got, want) => expect(Number(got), want).toBe(spssDate(/^-?\d+$/.test(want) ? Number(want) : want)),
        g.id,
      );
    }
  });
});

describe("the .sav's spool of rows", () => {
  it("is removed when the download ends, whole or cut short", async () => {
    const db = openDatabase(":memory:");
    await migrateToLatest(db);
    await seedRandomResponses(db, demo, { count: 150, seed: 3 });
    const spool = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-spool-"));
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = spool;
    try {
      const filters = { questionnaireId: demo.id, statuses: ["submitted" as const, "draft" as const], languages: [], codes: {} };
      const sav = () => exportDataset(db, demo, { format: "sav", filters, language: "en" });
      await bytesOf((await sav()).chunks);
      expect(fs.readdirSync(spool)).toEqual([]);
      const chunks = (await sav()).chunks[Symbol.asyncIterator]();
      await chunks.next();
      expect(fs.readdirSync(spool)).toHaveLength(1);
      await chunks.return?.();
      expect(fs.readdirSync(spool)).toEqual([]);
    } finally {
      process.env.TMPDIR = tmp;
      fs.rmSync(spool, { recursive: true, force: true });
      await db.destroy();
    }
  });
});
