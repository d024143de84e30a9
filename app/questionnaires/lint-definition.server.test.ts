import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { releasedDefinitions } from "./definitions";
import { lintDefinition } from "./lint-definition.server";

type Raw = { lists: Record<string, Array<{ code: number }>>; sections: Array<{ questions: Array<Record<string, unknown>> }> };
const demo = () => structuredClone(releasedDefinitions["demo/v1.json"]) as Raw;

describe("npm run definition:lint", () => {
  it("passes the released definitions", () => {
    for (const raw of Object.values(releasedDefinitions)) expect(lintDefinition(raw, "locales")).toEqual([]);
  });

  it("names the JSON path of an unknown question type", () => {
    const raw = demo();
    raw.sections[1]!.questions[2]!.type = "slider";
    expect(lintDefinition(raw, "locales")).toEqual([expect.stringMatching(/^\$\.sections\[1\]\.questions\[2\]\.type: /)]);
  });

  it("names the question whose showIf asks about a missing question", () => {
    const raw = demo();
    raw.sections[0]!.questions[1]!.showIf = { q: "likes_veg", equals: 1 };
    expect(lintDefinition(raw, "locales")).toEqual([
      '$.sections[0].questions[1]: questionnaire "demo": question "fruit" has a condition on an unknown question "likes_veg"',
    ]);
  });

  it("names the list with a duplicate option code", () => {
    const raw = demo();
    raw.lists.fruit!.push({ code: 2 });
    expect(lintDefinition(raw, "locales")).toEqual([
      '$.lists.fruit: questionnaire "demo": list "fruit" has the option code 2 twice',
    ]);
  });

  it("prints every fault and exits 1, or ✓ and 0", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "definition-lint-"));
    const raw = demo();
    raw.sections[1]!.questions[2]!.type = "slider";
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify(raw));
    const run = (file: string) => {
      try {
        return { code: 0, out: execFileSync("npx", ["tsx", "scripts/definition-lint.ts", file], { encoding: "utf8" }) };
      } catch (error) {
        const failed = error as { status: number; stdout: string };
        return { code: failed.status, out: failed.stdout };
      }
    };
    const bad = run(path.join(dir, "bad.json"));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/✗ .*bad\.json: \$\.sections\[1\]\.questions\[2\]\.type: /);
    const good = run("app/questionnaires/definitions/pre-regm/v1.json");
    expect(good).toEqual({ code: 0, out: "✓ app/questionnaires/definitions/pre-regm/v1.json\n" });
  });
});
