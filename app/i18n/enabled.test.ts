import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npm run i18n:check` says, per language, whether it is enabled (LANGUAGES) and complete enough
 * to offer; an enabled language that is not complete fails the check. Run as npm runs it, on the
 * fixtures (en, es complete; fr a few texts).
 */
const fixtures = path.resolve("tests/fixtures/locales");

function check(languages?: string) {
  const { LOCALES_DIR: _, LANGUAGES: __, ...env } = process.env;
  const r = spawnSync(
    path.resolve("node_modules/.bin/tsx"),
    [path.resolve("scripts/i18n-check.ts"), "--dir", fixtures, "--no-usage"],
    { encoding: "utf8", env: languages === undefined ? env : { ...env, LANGUAGES: languages } },
  );
  return { code: r.status, out: r.stdout };
}

describe("the check's word on each language", () => {
  it("passes a folder that is not enabled, saying it is not offered", () => {
    const { code, out } = check();
    expect(code).toBe(0);
    expect(out).toContain("  en  enabled, complete");
    expect(out).toContain("  es  enabled, complete");
    expect(out).toMatch(/ {2}fr {2}available, not enabled \(57%\): not offered until complete and added to LANGUAGES/);
  });

  it("fails a language enabled before it is complete, saying what is left", () => {
    const { code, out } = check("en,es,fr");
    expect(code).toBe(1);
    expect(out).toMatch(/ {2}fr {2}✗ enabled, not complete enough \(57%, \d+ to fix\)/);
    expect(out).toContain("French (fr), must be complete");
  });

  it("fails a language enabled without a folder", () => {
    const { code, out } = check("en,es,de");
    expect(code).toBe(1);
    expect(out).toContain("  de  ✗ enabled, but there is no folder for it");
  });
});
