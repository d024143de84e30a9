import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Cell } from "./columns";
import { dtaFile, stataNames, type DtaVariable } from "./dta";

const LONG = 'Línea 1\nlínea 2 "citada" 😀 '.repeat(150);
const variables: DtaVariable[] = [
  { name: "response_id", label: "Response", storage: "string", values: [], missing: [] },
  {
    name: "q1",
    label: "Opinión – «¿está de acuerdo?»",
    storage: "numeric",
    values: [
      { code: 1, label: "Sí" },
      { code: 2, label: "No" },
    ],
    missing: [
      { code: -99, label: "No answer" },
      { code: -88, label: "Not shown" },
      { code: -77, label: "Don't know" },
    ],
  },
  { name: "amount", label: "Amount", storage: "numeric", values: [], missing: [{ code: -99, label: "No answer" }] },
  { name: "big", label: "Big", storage: "numeric", values: [], missing: [{ code: -88, label: "Not shown" }] },
  { name: "when", label: "Date", storage: "date", values: [], missing: [{ code: -99, label: "No answer" }] },
  { name: "comment", label: "Comment", storage: "string", values: [], missing: [{ code: -99, label: "No answer" }] },
  { name: "essay", label: "Essay", storage: "string", values: [], missing: [{ code: -88, label: "Not shown" }] },
];
const rows: Cell[][] = [
  ["r1", 1, 2.5, 100000, "2026-11-30", 'Dice "hola"\nadiós 😀', LONG],
  ["r2", -99, -99, -88, -99, -99, -88],
  ["r3", -77, 0, 3, "1960-01-01", "", ""],
  ["r4", -88, -1.25, 2147483620, "1959-12-31", "ñandú", "corto"],
];

async function write(file: string, data: Cell[][] = rows) {
  const parts: Uint8Array[] = [];
  for await (const chunk of dtaFile(
    variables,
    async function* () {
      yield data.slice(0, 2);
      yield data.slice(2);
    },
    { label: "Consulta – prueba", timestamp: new Date(Date.UTC(2026, 11, 1, 9, 5)) },
  ))
    parts.push(chunk);
  fs.writeFileSync(file, Buffer.concat(parts));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dta-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "test.dta");

describe("dtaFile", () => {
  it("writes the header, the map and every section of format 118", async () => {
    await write(file);
    const bytes = fs.readFileSync(file);
    const text = bytes.toString("latin1");
    expect(text.startsWith("<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>")).toBe(true);
    expect(text.endsWith("</value_labels></stata_dta>")).toBe(true);
    const mapAt = text.indexOf("<map>") + 5;
    const offsets = Array.from({ length: 14 }, (_, i) => Number(bytes.readBigUInt64LE(mapAt + 8 * i)));
    const tags = ["<stata_dta>", "<map>", "<variable_types>", "<varnames>", "<sortlist>", "<formats>"];
    tags.push("<value_label_names>", "<variable_labels>", "<characteristics>", "<data>", "<strls>", "<value_labels>");
    tags.push("</stata_dta>");
    tags.forEach((tag, i) => expect(text.slice(offsets[i], offsets[i]! + tag.length), tag).toBe(tag));
    expect(offsets[13]).toBe(bytes.length);
  });

  it("reads back in ReadStat: every cell, extended missing values as empty, the long text whole", async () => {
    await write(file);
    const csv = path.join(dir, "out.csv");
    fs.rmSync(csv, { force: true });
    execFileSync("readstat", [file, csv]);
    const out = fs.readFileSync(csv, "utf8");
    expect(out).toContain('"r1",1,2.5');
    expect(out).toContain('"Dice ""hola""\nadiós 😀"');
    expect(out).toContain(JSON.stringify(LONG).replace(/\\n/g, "\n").replace(/\\"/g, '""'));
    const meta = execFileSync("readstat", [file]).toString();
    expect(meta).toContain("Format version: 118");
    expect(meta).toContain("Columns: 7");
    expect(meta).toContain("Rows: 4");
  });

  it("reads back in R haven: labels, tagged missing values, dates, strings as typed", async () => {
    await write(file);
    const longFile = path.join(dir, "long.txt");
    fs.writeFileSync(longFile, LONG);
    const script = `
      library(haven)
      d <- read_dta(${JSON.stringify(file)})
      stopifnot(identical(attr(d$q1, "label"), "Opinión – «¿está de acuerdo?»"))
      stopifnot(inherits(d$q1, "haven_labelled"))
      l <- attr(d$q1, "labels")
      stopifnot(identical(names(l)[l %in% 1], "Sí"))
      stopifnot(identical(na_tag(l[names(l) == "Don't know"]), "c"))
      stopifnot(identical(na_tag(d$q1), c(NA, "a", "c", "b")))
      stopifnot(identical(as.numeric(d$q1)[1], 1))
      stopifnot(identical(na_tag(d$amount), c(NA, "a", NA, NA)))
      stopifnot(all.equal(as.numeric(d$amount)[c(1, 3, 4)], c(2.5, 0, -1.25)))
      stopifnot(identical(as.numeric(d$big)[c(1, 3, 4)], c(100000, 3, 2147483620)))
      stopifnot(identical(na_tag(d$big)[2], "b"))
      stopifnot(identical(format(d$when[c(1, 3, 4)]), c("2026-11-30", "1960-01-01", "1959-12-31")))
      stopifnot(identical(na_tag(d$when)[2], "a"))
      stopifnot(identical(as.vector(d$comment), c('Dice "hola"\\nadiós 😀', "-99", "", "ñandú")))
      stopifnot(identical(as.vector(d$essay[1]), readLines(${JSON.stringify(longFile)}, encoding = "UTF-8") |> paste(collapse = "\n")))
      stopifnot(identical(as.vector(d$essay[2:4]), c("-88", "", "corto")))
      stopifnot(identical(attr(d, "label"), "Consulta – prueba"))
      cat("ok")
    `;
    expect(execFileSync("Rscript", ["-e", script], { stdio: ["ignore", "pipe", "pipe"] }).toString()).toBe("ok");
  });

  it("keeps a text's trailing spaces, which ReadStat and haven trim from a str# (so such a text is a strL)", async () => {
    const spaced = path.join(dir, "spaced.dta");
    const text: DtaVariable = { name: "t", label: "T", storage: "string", values: [], missing: [] };
    const parts: Uint8Array[] = [];
    const options = { label: "", timestamp: new Date() };
    for await (const chunk of dtaFile(
      [text],
      async function* () {
        yield [["ends with a space "], ["  "], ["plain"]];
      },
      options,
    ))
      parts.push(chunk);
    fs.writeFileSync(spaced, Buffer.concat(parts));
    const script = `d <- haven::read_dta(${JSON.stringify(spaced)}); cat(identical(as.vector(d$t), c("ends with a space ", "  ", "plain")))`;
    expect(execFileSync("Rscript", ["-e", script]).toString()).toBe("TRUE");
  });

  it("shortens a variable label to Stata's 80 characters with an ellipsis", async () => {
    const labelled = path.join(dir, "label.dta");
    const long: DtaVariable = { name: "t", label: `${"palabra ".repeat(20)}\nfin`, storage: "string", values: [], missing: [] };
    const parts: Uint8Array[] = [];
    for await (const chunk of dtaFile([long], async function* () {}, { label: "x", timestamp: new Date() })) parts.push(chunk);
    fs.writeFileSync(labelled, Buffer.concat(parts));
    const script = `cat(attr(haven::read_dta(${JSON.stringify(labelled)})$t, "label"))`;
    expect(execFileSync("Rscript", ["-e", script]).toString()).toBe(`${"palabra ".repeat(9)}palabra…`);
  });

  it("writes an empty dataset that still opens", async () => {
    const empty = path.join(dir, "empty.dta");
    await write(empty, []);
    expect(execFileSync("readstat", [empty]).toString()).toContain("Rows: 0");
  });
});

describe("stataNames", () => {
  it("keeps valid names and shortens, renames and de-duplicates the others", () => {
    const long = "a".repeat(32);
    expect(stataNames(["q1", `${long}___1`, `${long}___2`, "int", "_n", "1st", "x-y"])).toEqual([
      "q1",
      long,
      `${"a".repeat(30)}_2`,
      "_int",
      "__n",
      "_1st",
      "x_y",
    ]);
  });
});
