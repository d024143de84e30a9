import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";
import { MISSING, type MissingCode } from "~/engine/missing";
import demoDefinition from "~/questionnaires/demo";
import preRegmDefinition from "~/questionnaires/pre-regm";
import { randomResponse, storeResponses } from "../../tests/support/random-responses";
import { EXTENDED_MISSING } from "./dta";
import { exportDataset, type ExportFormat } from "./export.server";

/**
 * Random responses stored as the app stores them, exported as the coded CSV and as the Stata file;
 * ReadStat and R haven read the Stata file back and every cell must match the coded CSV.
 */

const table = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dta-server-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// Longer than a str# holds (2,045 bytes), within the question's 3,000 characters: a strL.
const LONG = 'Ñandú 🤝🏽 «cita» "x"\n'.repeat(150);
const MISSING_CODES = new Set(Object.values(MISSING).map(String));

async function download(db: ReturnType<typeof openDatabase>, questionnaire: Questionnaire, format: ExportFormat) {
  const filters = {
    questionnaireId: questionnaire.id,
    statuses: ["submitted" as const, "draft" as const],
    languages: [],
    codes: {},
  };
  const file = await exportDataset(db, questionnaire, { format, filters, language: "es", includePersonal: true });
  const parts: Buffer[] = [];
  for await (const chunk of file.chunks) parts.push(Buffer.from(chunk));
  return { name: file.filename, bytes: Buffer.concat(parts) };
}

/** Each cell as R haven reads it: a tagged missing value as ".a", a date as YYYY-MM-DD, text as typed. */
const HAVEN_CELLS = `
library(haven)
\`%||%\` <- function(a, b) if (is.null(a)) b else a
args <- commandArgs(trailingOnly = TRUE)
d <- read_dta(args[1])
cells <- as.data.frame(lapply(d, function(x) {
  if (is.character(x)) return(as.vector(x))
  tag <- na_tag(x)
  out <- if (inherits(x, "Date")) format(x) else format(as.vector(unclass(x)), digits = 15, trim = TRUE, scientific = FALSE)
  ifelse(is.na(tag), out, paste0(".", tag))
}), stringsAsFactors = FALSE)
write.csv(cells, args[2], row.names = FALSE, fileEncoding = "UTF-8", na = "")
meta <- data.frame(
  variable = names(d),
  kind = vapply(d, function(x) if (is.character(x)) "string" else if (inherits(x, "Date")) "date" else "numeric", ""),
  label = vapply(d, function(x) attr(x, "label", exact = TRUE) %||% "", ""),
  values = vapply(d, function(x) {
    l <- attr(x, "labels", exact = TRUE)
    if (is.null(l)) return("")
    keys <- ifelse(is.na(na_tag(l)), format(as.vector(unclass(l)), trim = TRUE), paste0(".", na_tag(l)))
    paste(keys, names(l), sep = " = ", collapse = " | ")
  }, ""),
  stringsAsFactors = FALSE
)
write.csv(meta, args[3], row.names = FALSE, fileEncoding = "UTF-8")
`;

describe.each([
  ["demo", demoDefinition],
  ["pre-regm", preRegmDefinition],
])("the Stata file of random %s responses", (id, definition) => {
  const questionnaire = questionnaireSchema.parse(definition);
  it("opens in ReadStat and R haven with every cell of the coded CSV, its labels and tagged missing values", async () => {
    const responses = fc.sample(randomResponse(questionnaire), { numRuns: 40, seed: 15 });
    for (const r of responses) if (r.answers.chal_sc_main) r.answers.chal_sc_main = { value: LONG };
    const db = openDatabase(":memory:");
    try {
      await migrateToLatest(db);
      await storeResponses(db, questionnaire, responses);
      const coded = table((await download(db, questionnaire, "coded")).bytes.toString("utf8"));
      const codebook = table((await download(db, questionnaire, "codebook")).bytes.toString("utf8"));
      const dta = await download(db, questionnaire, "dta");
      expect(dta.name).toMatch(/\.dta$/);
      const file = path.join(dir, `${id}.dta`);
      fs.writeFileSync(file, dta.bytes);

      const readstatCsv = path.join(dir, `${id}-readstat.csv`);
      fs.rmSync(readstatCsv, { force: true });
      execFileSync("readstat", [file, readstatCsv], { stdio: "pipe" });
      const metadata = execFileSync("readstat", [file]).toString();
      expect(metadata).toContain("Format version: 118");
      expect(metadata).toContain(`Rows: ${responses.length}`);

      const script = path.join(dir, "cells.R");
      fs.writeFileSync(script, HAVEN_CELLS);
      const [havenCsv, havenMeta] = [path.join(dir, `${id}-haven.csv`), path.join(dir, `${id}-meta.csv`)];
      const run = spawnSync("Rscript", [script, file, havenCsv, havenMeta], { encoding: "utf8" });
      // Zero warnings: haven reads the file without complaint.
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);

      const header = coded[0]!;
      const meta = new Map(
        table(fs.readFileSync(havenMeta, "utf8"))
          .slice(1)
          .map((r) => [r[0]!, r]),
      );
      const readstat = table(fs.readFileSync(readstatCsv, "utf8"));
      const haven = table(fs.readFileSync(havenCsv, "utf8"));
      expect(readstat[0]).toEqual(header);
      expect(haven[0]).toEqual(header);
      expect(readstat).toHaveLength(coded.length);
      expect(haven).toHaveLength(coded.length);
      if (id === "pre-regm") expect(coded.some((row) => row.includes(LONG))).toBe(true);
      for (let r = 1; r < coded.length; r++) {
        header.forEach((variable, c) => {
          const [want, fromHaven, fromReadstat] = [coded[r]![c]!, haven[r]![c]!, readstat[r]![c]!];
          const where = `${variable} of row ${r}`;
          const kind = meta.get(variable)![1];
          if (kind === "string" || want === "") {
            expect(fromHaven, where).toBe(want);
            expect(fromReadstat, where).toBe(want);
          } else if (MISSING_CODES.has(want)) {
            // A documented missing code is a tagged missing value in a numeric or date column.
            expect(fromHaven, where).toBe(`.${EXTENDED_MISSING[Number(want) as MissingCode]}`);
            expect(fromReadstat, where).toBe("");
          } else if (kind === "date") {
            expect(fromHaven, where).toBe(want);
            expect(fromReadstat, where).toBe(want);
          } else {
            expect(Number(fromHaven), where).toBeCloseTo(Number(want), 9);
            // ReadStat's CSV prints six decimals.
            expect(Number(fromReadstat), where).toBeCloseTo(Number(want), 5);
          }
        });
      }

      // Variable and value labels in the export's language, as the codebook states them.
      const column = (name: string) => codebook[0]!.indexOf(name);
      for (const row of codebook.slice(1).filter((r) => r[0] === "main")) {
        const [, , label, values] = meta.get(row[1]!)!;
        const full = row[column("label_es")]!.replace(/\s*\r?\n\s*/g, " ").trim();
        // Stata keeps 80 characters of a variable label; a longer one ends with "…".
        if (label !== full) {
          expect([...label!].length, row[1]).toBeLessThanOrEqual(80);
          expect(label!.endsWith("…") && full.startsWith(label!.slice(0, -1)), `${row[1]}: ${label}`).toBe(true);
        }
        const numericValues = row[column("values_es")]!.split(" | ").filter((v) => /^-?\d+ = /.test(v));
        const missing = row[column("missing_codes_es")]!.split(" | ").filter(Boolean);
        if (!values) continue;
        const stated = missing.map((m) => {
          const [code, ...text] = m.split(" = ");
          return `.${EXTENDED_MISSING[Number(code) as MissingCode]} = ${text.join(" = ")}`;
        });
        expect(values.split(" | ").sort(), row[1]).toEqual([...numericValues, ...stated].sort());
      }
    } finally {
      await db.destroy();
    }
  });
});

describe("the Stata file's spool", () => {
  it("leaves no file behind, even when the download stops midway and no cleanup runs", async () => {
    const questionnaire = questionnaireSchema.parse(demoDefinition);
    const db = openDatabase(":memory:");
    try {
      await migrateToLatest(db);
      await storeResponses(db, questionnaire, fc.sample(randomResponse(questionnaire), { numRuns: 5, seed: 2 }));
      const spools = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("consulta-dta-"));
      const before = spools();
      const filters = { questionnaireId: "demo", statuses: ["submitted" as const, "draft" as const], languages: [], codes: {} };
      const file = await exportDataset(db, questionnaire, { format: "dta", filters, language: "en" });
      const chunks = file.chunks[Symbol.asyncIterator]();
      await chunks.next();
      // A stopped worker never returns from here: what is on disk now is what would stay.
      expect(spools()).toEqual(before);
      await chunks.return?.(undefined);
    } finally {
      await db.destroy();
    }
  });
});
