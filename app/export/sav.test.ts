import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { havenRead, psppConvertRows, psppDictionary, readstatMetadata, readstatRows } from "../../tests/support/sav-readers";
import { savFile, savNameProblem, segmentWidths, spssDate, utf8Within, type SavCell, type SavVariable } from "./sav";

const variable = (name: string, type: SavVariable["type"], extra: Partial<SavVariable> = {}): SavVariable => ({
  name,
  label: `Label of ${name}`,
  type,
  level: type === "string" ? "nominal" : "scale",
  valueLabels: [],
  missing: [],
  ...extra,
});

async function written(variables: SavVariable[], rows: SavCell[][], batch = 2): Promise<Buffer> {
  const batches = async function* () {
    for (let i = 0; i < rows.length; i += batch) yield rows.slice(i, i + batch);
  };
  const chunks: Uint8Array[] = [];
  for await (const chunk of savFile(variables, batches, { fileLabel: "Prueba – ñ", created: new Date("2026-12-01T09:30:05Z") }))
    chunks.push(chunk);
  return Buffer.concat(chunks);
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tmpFile = (bytes: Buffer) => {
  const file = path.join(dirs[dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "consulta-sav-"))) - 1]!, "test.sav");
  fs.writeFileSync(file, bytes);
  return file;
};

/** Variable records (type 2) as the file holds them: type (width), missing-value count, 8-byte name. */
function variableRecords(sav: Buffer) {
  const records: Array<{ type: number; missing: number; name: string }> = [];
  let at = 176;
  while (sav.readInt32LE(at) === 2) {
    const [type, hasLabel, missing] = [sav.readInt32LE(at + 4), sav.readInt32LE(at + 8), sav.readInt32LE(at + 12)];
    records.push({ type, missing, name: sav.toString("latin1", at + 24, at + 32).trimEnd() });
    at += 32;
    if (hasLabel) at += 4 + Math.ceil(sav.readInt32LE(at) / 4) * 4;
    at += 8 * Math.abs(missing);
  }
  return records;
}

describe("the .sav record writer", () => {
  it("writes the file header the format describes: $FL2, layout 2, bytecode compression, case count, bias 100", async () => {
    const sav = await written(
      [variable("n", "numeric"), variable("s", "string")],
      [
        [1, "a"],
        [2, "bb"],
        [3, ""],
      ],
    );
    expect(sav.toString("latin1", 0, 4)).toBe("$FL2");
    expect(sav.toString("latin1", 4, 23)).toBe("@(#) SPSS DATA FILE");
    expect([sav.readInt32LE(64), sav.readInt32LE(68), sav.readInt32LE(72), sav.readInt32LE(76), sav.readInt32LE(80)]).toEqual([
      2, 2, 1, 0, 3,
    ]);
    expect(sav.readDoubleLE(84)).toBe(100);
    expect(sav.toString("latin1", 92, 109)).toBe("01 Dec 2609:30:05");
    expect(
      sav
        .subarray(109, 109 + 64)
        .toString("utf8")
        .trimEnd(),
    ).toBe("Prueba – ñ");
  });

  it("declares UTF-8 twice: character code 65001 in record 7.3 and the encoding record 7.20", async () => {
    const sav = await written([variable("n", "numeric")], [[1]]);
    const info = sav.indexOf(Buffer.from([7, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0]));
    expect(sav.readInt32LE(info + 16 + 7 * 4)).toBe(65001);
    expect(
      sav.includes(Buffer.concat([Buffer.from([7, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0]), Buffer.from("UTF-8")])),
    ).toBe(true);
  });

  it("makes a string as wide as its longest value in bytes (at least 1), not as wide as its limit", async () => {
    const sav = await written(
      [variable("short", "string"), variable("emoji", "string"), variable("none", "string")],
      [
        ["ab", "🤝🏽", ""],
        ["abc", "ñ", ""],
      ],
    );
    expect(variableRecords(sav).map((r) => r.type)).toEqual([3, 8, 1]);
  });

  it("splits a very long string into 255-byte segments as the format's example says (20,000 bytes: 79 × 255 and 92)", () => {
    expect(segmentWidths(255)).toEqual([255]);
    expect(segmentWidths(256)).toEqual([255, 4]);
    const widths = segmentWidths(20000);
    expect(widths).toHaveLength(80);
    expect(widths.slice(0, 79).every((w) => w === 255)).toBe(true);
    expect(widths.at(-1)).toBe(92);
  });

  it("declares user-missing values on numbers and dates only, never on strings", async () => {
    const sav = await written(
      [
        variable("n", "numeric", { missing: [-99, -88] }),
        variable("d", "date", { missing: [-99] }),
        variable("s", "string", { missing: [-99] }),
      ],
      [[1, "2024-01-01", "x"]],
    );
    expect(variableRecords(sav).map((r) => r.missing)).toEqual([2, 1, 0]);
  });

  it("gives names that share their first 8 bytes different short names", async () => {
    const sav = await written(
      [variable("aspects_r1", "numeric"), variable("aspects_r2", "numeric"), variable("aspects_", "numeric")],
      [[1, 2, 3]],
    );
    const names = variableRecords(sav).map((r) => r.name);
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toBe("ASPECTS_");
  });

  it("refuses a name SPSS cannot take", async () => {
    expect(savNameProblem("q1___m77")).toBeNull();
    expect(savNameProblem("1q")).not.toBeNull();
    expect(savNameProblem("with")).not.toBeNull();
    expect(savNameProblem("a".repeat(65))).not.toBeNull();
    expect(savNameProblem("ñandu")).not.toBeNull();
    await expect(written([variable("bad name", "numeric")], [[1]])).rejects.toThrow(/bad name cannot be an SPSS variable name/);
  });

  it("cuts text at a character boundary, never inside an emoji", () => {
    expect(utf8Within("a🤝b", 3).toString()).toBe("a");
    expect(utf8Within("a🤝b", 5).toString()).toBe("a🤝");
  });

  it("counts days from 14 October 1582 in seconds, and keeps missing codes as they are", () => {
    expect(spssDate("1582-10-15")).toBe(86400);
    expect(spssDate("2024-02-29")).toBe(13928544000);
    expect(spssDate(-99)).toBe(-99);
    expect(spssDate("")).toBe(-Number.MAX_VALUE);
  });
});

describe("a .sav read back by PSPP, ReadStat and R haven", () => {
  const long = `línea 1\r\nlínea "2" 🤝🏽 ${"x".repeat(600)}ñ`;
  const variables: SavVariable[] = [
    variable("response_id", "string"),
    variable("fruit", "numeric", {
      label: "¿Qué fruta? – “comillas” 🤝🏽",
      level: "nominal",
      valueLabels: [
        { code: 1, label: "Mango" },
        { code: 2, label: "Guanábana" },
        { code: -99, label: "No answer" },
        { code: -88, label: "Not shown" },
      ],
      missing: [-99, -88],
    }),
    variable("based_in", "string", {
      valueLabels: [
        { code: "MX", label: "México" },
        { code: "-99", label: "No answer" },
      ],
    }),
    variable("started", "date", { valueLabels: [{ code: -99, label: "No answer" }], missing: [-99, -88] }),
    variable("share", "numeric", { missing: [-99, -88] }),
    variable("story_of_the_organisation_in_its_own_words", "string"),
  ];
  const rows: SavCell[][] = [
    ["r1", 1, "MX", "2019-06-30", 25.5, long],
    ["r2", -99, "-99", -99, -99, 'two\nlines, one "quote"'],
    ["r3", 2, "ES", -88, 1e9 + 0.25, ""],
    ["r4", -88, "", "1950-01-01", -0.5, "=SUM(A1)"],
  ];
  let file: string;
  const open = async () => (file ??= tmpFile(await written(variables, rows)));

  it("PSPP opens it with no warning and shows labels, measurement levels, widths and missing values", async () => {
    const { output, problems } = psppDictionary(await open());
    expect(problems).toEqual([]);
    expect(output).toContain("story_of_the_organisation_in_its_own_words");
    expect(output).toContain(`A${Buffer.byteLength(long)}`);
    expect(output).toContain("Guanábana");
    expect(output).toMatch(/Nominal/);
    expect(output).toMatch(/Scale/);
    expect(output).toMatch(/DATE11/);
  });

  it("ReadStat reads every cell back as written", async () => {
    expect(readstatMetadata(await open())).toMatch(/Text encoding: UTF-8[\s\S]*Compression: rows/);
    const [header, ...cells] = readstatRows(file);
    expect(header).toEqual(variables.map((v) => v.name));
    expect(cells.map((r) => [r[0], Number(r[1]), r[2], Number(r[3]), Number(r[4]), r[5]])).toEqual(
      rows.map((r) => [r[0], r[1], r[2], spssDate(r[3]!), r[4], r[5]]),
    );
  });

  it("pspp-convert writes the same cells (dates as PSPP prints them)", async () => {
    const { rows: cells, problems } = psppConvertRows(await open());
    expect(problems).toBe("");
    // PSPP's CSV writer ends lines with LF, also inside a value (a .sav round trip through PSPP keeps the CR).
    expect(cells.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual(
      rows.map((r) => [r[0], String(r[1]), r[2], String(r[4]), String(r[5]).replace(/\r\n/g, "\n")]),
    );
    expect(cells.slice(1).map((r) => r[3]?.trim())).toEqual(["06/30/2019", "", "", "01/01/1950"]);
  });

  it("R haven reads labels, value labels, user-missing values and every cell; dates as R dates", async () => {
    const read = havenRead(await open());
    const fruit = read.variables.find((v) => v.name === "fruit")!;
    expect(fruit).toMatchObject({
      label: "¿Qué fruta? – “comillas” 🤝🏽",
      className: "haven_labelled_spss",
      naValues: ["-99", "-88"],
    });
    expect(fruit.labels).toContainEqual({ code: "2", label: "Guanábana" });
    expect(read.variables.find((v) => v.name === "based_in")!.labels).toContainEqual({ code: "MX", label: "México" });
    expect(read.variables.find((v) => v.name === "story_of_the_organisation_in_its_own_words")!.naValues).toEqual([]);
    expect(read.rows.slice(1).map((r) => [r[0], Number(r[1]), r[2], Number(r[4]), r[5]])).toEqual(
      rows.map((r) => [r[0], r[1], r[2], r[4], r[5]]),
    );
    expect(read.dates).toEqual([["started"], ["2019-06-30"], ["NA"], ["NA"], ["1950-01-01"]]);
  });
});
