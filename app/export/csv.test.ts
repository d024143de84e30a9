import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvRows } from "./csv";

/** The one cell as a spreadsheet would read it back. */
const cellOf = (value: string | number) => Papa.parse<string[]>(csvRows([[value]], { bom: false })).data[0]![0];

describe("the formula guard", () => {
  // [cell, what a spreadsheet gets]
  const guarded: Array<[string, string]> = [
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\tplain", "'\tplain"],
    ["\rplain", "'\rplain"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['"=cmd"', `'"=cmd"`],
    ["  @SUM(A1)", "'  @SUM(A1)"],
    [" =1", "' =1"],
    ["\u3000=1", "'\u3000=1"],
    ["\u00a0=1", "'\u00a0=1"],
    ["\n=1", "'\n=1"],
    ["\r\n=1", "'\r\n=1"],
    [";=1", "';=1"],
    [",=1", "',=1"],
    ["; ,\t-1", "'; ,\t-1"],
    ["\uff1d1+1", "'\uff1d1+1"],
    ["\uff0b1", "'\uff0b1"],
    ["\uff0d1", "'\uff0d1"],
    ["\uff20SUM(A1)", "'\uff20SUM(A1)"],
    ["=1\nsecond line", "'=1\nsecond line"],
    ["-99", "'-99"],
  ];
  it.each(guarded)("neutralises %j", (cell, expected) => {
    expect(cellOf(cell)).toBe(expected);
  });

  const untouched: Array<string | number> = [
    "Red de Alerta",
    "Empezó en 2015; creció.",
    "a=b",
    "ana@example.org",
    "1-2-3",
    "'=already",
    "",
    " ",
    ";",
    -99,
    -1.5,
    0,
    13,
  ];
  it.each(untouched)("leaves %j as it is", (cell) => {
    expect(cellOf(cell)).toBe(String(cell));
  });

  it("writes numbers bare, never quoted or prefixed", () => {
    expect(csvRows([[-99, -77, "-x"]], { bom: false })).toBe(`-99,-77,"'-x"\r\n`);
  });

  it("can be turned off for a raw file", () => {
    expect(csvRows([["=1+1", "\uff1d1"]], { neutraliseFormulas: false })).toBe("=1+1,\uff1d1\r\n");
  });
});
