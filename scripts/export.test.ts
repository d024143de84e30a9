import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATS } from "../app/export/export.server";

/** `npm run export` as a person types it. */
function run(...args: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-export-cli-"));
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/export.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: path.join(dir, "test.db") },
  });
  return { ...result, dir };
}

describe("npm run export", () => {
  it("prints every format and option for --help, and exits 0", () => {
    const { status, stdout, stderr } = run("--help");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    for (const format of FORMATS) expect(stdout).toMatch(new RegExp(`^  ${format} `, "m"));
    for (const option of ["--out", "--format", "--lang", "--drafts", "--personal", "--codes", "--no-bom"])
      expect(stdout).toContain(option);
  });

  it("refuses an unknown option in one line, without a stack trace, with exit code 2", () => {
    const { status, stderr } = run("--out", "x.csv", "--bogus");
    expect(status).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("--bogus");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an unknown format in one line with exit code 2", () => {
    const { status, stderr } = run("--out", "x.csv", "--format", "sas");
    expect(status).toBe(2);
    expect(stderr.trim()).toBe('Unknown format "sas". (npm run export -- --help lists the formats and options)');
  });

  it("writes a workbook", () => {
    const { dir } = run("--help");
    const out = path.join(dir, "book.xlsx");
    const { status, stderr } = run("--out", out, "--format", "xlsx");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });
});
