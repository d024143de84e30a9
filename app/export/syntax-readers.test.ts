import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportedZip } from "../../tests/support/export-zip";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";
import demoDefinition from "~/questionnaires/demo";
import preRegmDefinition from "~/questionnaires/pre-regm";

/**
 * The syntax files of a real export, run by the real readers on random answers with line breaks,
 * quotes, emoji, accents and every missing state: GNU PSPP runs each .sps without a warning and
 * saves a .sav that ReadStat and R haven open with every cell of the coded CSV; Rscript runs each
 * .R without a warning.
 */

const RESPONSES = 60;
const dirs: string[] = [];
afterAll(() => process.env.KEEP_SYNTAX_DIRS || dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function exportZip(questionnaire: Questionnaire): Promise<string> {
  const files = await exportedZip(questionnaire, { count: RESPONSES, seed: 15, language: "es" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `syntax-${questionnaire.id}-`));
  dirs.push(dir);
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
  return dir;
}

const table = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

/**
 * A program's exit status and everything it printed. PSPP runs in the C locale, so the .sav is UTF-8
 * because the syntax says so, not because the machine is; R in a UTF-8 locale, as R 4.2+ everywhere.
 */
function run(dir: string, command: string, args: string[]) {
  const locale = command === "pspp" ? "C" : "C.UTF-8";
  const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", env: { ...process.env, LC_ALL: locale } });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

// SPSS pads strings with blanks: trailing white space cannot survive a .sav.
const sameCell = (expected: string, actual: string) =>
  expected === "" || /^-?\d/.test(expected)
    ? Number(expected) === Number(actual) || expected === actual
    : expected.trimEnd() === actual;

const haven = `
args <- commandArgs(trailingOnly = TRUE)
d <- haven::read_sav(args[1], user_na = TRUE)
d[] <- lapply(d, function(x) { x <- haven::zap_labels(x, user_na = TRUE); if (is.numeric(x)) format(x, digits = 15, trim = TRUE, scientific = FALSE) else x })
write.csv(d, args[2], row.names = FALSE, fileEncoding = "UTF-8", na = "")
`;

describe.each([
  ["demo", demoDefinition],
  ["pre-regm", preRegmDefinition],
])("the %s export's syntax, run by PSPP, ReadStat, haven and R", (_, definition) => {
  const questionnaire = questionnaireSchema.parse(definition);
  let dir = "";
  let files: string[] = [];
  beforeAll(async () => {
    dir = await exportZip(questionnaire);
    files = fs.readdirSync(dir);
    fs.writeFileSync(path.join(dir, "haven.R"), haven);
    // Each syntax file as an analyst runs it, from the unzipped folder; the tests below read what it saved.
    for (const stem of stems()) {
      const pspp = run(dir, "pspp", ["-O", "format=txt", "-o", `${stem}.txt`, `${stem}.sps`]);
      psppRuns.set(stem, { ...pspp, listing: fs.readFileSync(path.join(dir, `${stem}.txt`), "utf8") });
    }
  });
  const psppRuns = new Map<string, { status: number | null; output: string; listing: string }>();
  const stems = () => files.filter((f) => f.endsWith(".sps")).map((f) => f.slice(0, -4));
  const codedOf = (stem: string) => (stem.endsWith("-items") ? `${stem}.csv` : `${stem}-coded.csv`);

  it("has syntax for the main file and every repeat-group file", () => {
    const groups = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === "group");
    expect(stems()).toHaveLength(1 + groups.length);
    for (const stem of stems()) {
      expect(files).toContain(`${stem}.do`);
      expect(files).toContain(`${stem}.R`);
      expect(files).toContain(codedOf(stem));
    }
    for (const g of groups)
      for (const l of questionnaire.languages)
        expect(files.some((f) => f.endsWith(`-${g.id}-items-labelled-${l}.csv`))).toBe(true);
  });

  it("is tested on answers that break naive readers", () => {
    const cells = stems().flatMap((stem) =>
      table(fs.readFileSync(path.join(dir, codedOf(stem)), "utf8"))
        .slice(1)
        .flat(),
    );
    for (const hazard of [/\n/, /"/, /\p{Extended_Pictographic}/u, /[ñáéü]/, /\\/, /^-99$/, /^-88$/, /^-77$/])
      expect(
        cells.some((c) => hazard.test(c)),
        String(hazard),
      ).toBe(true);
  });

  it("the .sav keeps the measurement levels; only numeric variables have user-missing values", () => {
    for (const stem of stems()) {
      fs.writeFileSync(path.join(dir, "dictionary.sps"), `GET FILE="${stem}-spss.zsav".\nDISPLAY DICTIONARY.\n`);
      const pspp = run(dir, "pspp", ["-O", "format=csv", "-o", "dictionary.csv", "dictionary.sps"]);
      expect(pspp.status, pspp.output).toBe(0);
      const listing = fs.readFileSync(path.join(dir, "dictionary.csv"), "utf8");
      const rows = table(listing.split("Table: Variables\n")[1]!.split("\nTable:")[0]!);
      const header = rows[0]!;
      const dictionary = new Map(rows.slice(1).map((r) => [r[0]!, Object.fromEntries(header.map((h, i) => [h, r[i]!]))]));
      for (const [name, v] of dictionary) {
        const string = v["Print Format"]!.startsWith("A");
        if (string) expect(v["Missing Values"], name).toBe("");
        if (string) expect(v["Measurement Level"], name).not.toBe("Scale");
        if (/_r\d+$/.test(name) && !string) expect(v["Measurement Level"], name).toBe("Ordinal");
        if (name.endsWith("_n")) expect(v["Measurement Level"], name).toBe("Scale");
      }
    }
  });

  it("PSPP runs every .sps without a warning; ReadStat and haven read back every cell of the coded CSV", () => {
    for (const stem of stems()) {
      const pspp = psppRuns.get(stem)!;
      expect(pspp.status, pspp.output).toBe(0);
      expect(`${pspp.output}\n${pspp.listing}`, stem).not.toMatch(/warning|error/i);
      const sav = `${stem}-spss.zsav`;
      const readstat = run(dir, "readstat", [sav, `${stem}-readstat.csv`]);
      expect(readstat.status, readstat.output).toBe(0);

      const r = run(dir, "Rscript", ["haven.R", sav, `${stem}-haven.csv`]);
      expect(r.status, r.output).toBe(0);
      expect(r.output).not.toMatch(/warning/i);
      const coded = table(fs.readFileSync(path.join(dir, codedOf(stem)), "utf8"));
      const read = table(fs.readFileSync(path.join(dir, `${stem}-haven.csv`), "utf8"));
      expect(read[0], stem).toEqual(coded[0]);
      expect(read.length, stem).toBe(coded.length);
      expect(coded.length).toBeGreaterThan(1);
      for (const [i, row] of coded.entries())
        row.forEach((cell, j) => {
          if (!sameCell(cell, read[i]![j]!)) expect(read[i]![j], `${stem} row ${i} ${coded[0]![j]}`).toBe(cell);
        });
      const readstatRows = table(fs.readFileSync(path.join(dir, `${stem}-readstat.csv`), "utf8"));
      expect(readstatRows.length, stem).toBe(coded.length);
    }
  });

  it("the .sav holds the labels, the missing codes and the measurement levels", () => {
    const stem = stems().find((s) => !s.endsWith("-items"))!;
    const script = `d <- haven::read_sav("${stem}-spss.zsav", user_na = TRUE)
cat(sapply(names(d), function(n) paste(n, class(d[[n]])[1], paste(c(attr(d[[n]], "na_values"), attr(d[[n]], "na_range")), collapse = "/"), attr(d[[n]], "measure") %||% "", sep = "|")), sep = "\\n")`;
    fs.writeFileSync(path.join(dir, "meta.R"), `\`%||%\` <- function(a, b) if (is.null(a)) b else a\n${script}\n`);
    const r = run(dir, "Rscript", ["meta.R"]);
    expect(r.status, r.output).toBe(0);
    const meta = new Map(
      r.output
        .trim()
        .split("\n")
        .filter((l) => l.includes("|"))
        .map((l) => {
          const [name, cls, na] = l.split("|");
          return [name!, { cls: cls!, na: na! }];
        }),
    );
    const matrix = questionnaire.sections.flatMap((s) => s.questions).find((q) => q.type === "matrix");
    if (matrix) {
      const row = [...meta.keys()].find((n) => n.startsWith(`${matrix.id}_r`))!;
      expect(meta.get(row)).toMatchObject({ cls: "haven_labelled_spss" });
      // -99 itself, or in the range the syntax declares for more than three codes (LO THRU -55).
      expect(meta.get(row)!.na).toMatch(/-99|^-Inf\/-\d+$/);
    }
    // Strings carry no user-missing values (haven and ReadStat refuse them on long strings).
    expect(meta.get("response_id")!.na).toBe("");
  });

  it("Rscript runs every .R without a warning, with ordered factors for rating scales", () => {
    for (const stem of stems()) {
      const check = `source("${stem}.R")
coded <- read.csv("${codedOf(stem)}", encoding = "UTF-8", check.names = FALSE, colClasses = "character")
stopifnot(nrow(d) == nrow(coded))
texts <- names(d)[sapply(d, is.character)]
for (n in texts) stopifnot(all(is.na(d[[n]]) | d[[n]] == coded[[match(n, names(d))]]))
cat("ordered:", paste(names(d)[sapply(d, is.ordered)], collapse = " "), "\\n")`;
      fs.writeFileSync(path.join(dir, "check.R"), check);
      const r = run(dir, "Rscript", ["check.R"]);
      expect(r.status, r.output).toBe(0);
      expect(r.output, stem).not.toMatch(/warning/i);
      const ordered = r.output
        .match(/ordered: (.*)/)![1]!
        .trim()
        .split(" ")
        .filter(Boolean);
      const matrix = questionnaire.sections.flatMap((s) => s.questions).find((q) => q.type === "matrix");
      if (matrix && !stem.endsWith("-items")) expect(ordered.some((n) => n.startsWith(`${matrix.id}_r`))).toBe(true);
    }
  });
});

// The tools themselves: a missing reader is a setup error, not a pass.
it("the readers are installed", () => {
  for (const tool of ["pspp", "readstat", "Rscript"]) expect(() => execFileSync("which", [tool])).not.toThrow();
});
