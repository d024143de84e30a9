import fs from "node:fs";
import { describe, expect, it } from "vitest";
import preRegmV1 from "~/questionnaires/definitions/pre-regm/v1.json";
import preRegmV2 from "~/questionnaires/definitions/pre-regm/v2.json";
import type { ResolvedAnswer } from "./answer-states";
import { datasetModel } from "./dataset-model";
import { questionnaireSchema } from "./definition";
import { MISSING } from "./missing";
import { pooledCell, pooledDataset } from "./pooled-dataset";

const fixture = (file: string) =>
  questionnaireSchema.parse(JSON.parse(fs.readFileSync(`tests/fixtures/definitions/${file}`, "utf8")));
// v2 of the sample drops `staff`, adds `budget`, drops org code 3 and adds 4.
const sampleV1 = fixture("sample/v1.json");
const sampleV2 = fixture("sample/v2.json");
const v1 = questionnaireSchema.parse(preRegmV1);
const v2 = questionnaireSchema.parse(preRegmV2);

const answered = (value: unknown): ResolvedAnswer => ({ state: "answered", value, otherText: null });
const byName = (names: string[], dataset: ReturnType<typeof pooledDataset>) =>
  names.map((name) => dataset.variables.find((v) => v.name === name)!);

describe("a dataset pooled over versions", () => {
  it("holds the union of the versions' variables, in the latest order, removed ones after", () => {
    const pooled = pooledDataset([sampleV2, sampleV1]);
    expect(pooled.versions).toEqual([1, 2]);
    expect(pooled.variables.map((v) => v.name)).toEqual(["org", "budget", "staff"]);
    const [org, budget, staff] = byName(["org", "budget", "staff"], pooled);
    // Codes are aligned: the latest's first, a code only older versions offer after them.
    expect((org!.values as Array<{ code: number }>).map((v) => v.code)).toEqual([1, 2, 4, 3]);
    expect([...org!.asked.keys()]).toEqual([1, 2]);
    expect([...budget!.asked.keys()]).toEqual([2]);
    expect([...staff!.asked.keys()]).toEqual([1]);
  });

  it("gives a variable a version does not ask the not-asked code, and only such a variable", () => {
    const [org, budget, staff] = byName(["org", "budget", "staff"], pooledDataset([sampleV1, sampleV2]));
    expect(org!.missing).not.toContain(MISSING.notAsked);
    expect(budget!.missing).toContain(MISSING.notAsked);
    expect(staff!.missing).toContain(MISSING.notAsked);
    // Each response's cells come from its own version.
    expect(pooledCell(org!, 1, answered(3))).toBe(3);
    expect(pooledCell(staff!, 1, answered(12))).toBe(12);
    expect(pooledCell(budget!, 1, undefined)).toBe(MISSING.notAsked);
    expect(pooledCell(staff!, 2, undefined)).toBe(MISSING.notAsked);
    expect(pooledCell(budget!, 2, undefined)).toBe(MISSING.noAnswer);
  });

  it("reads pre-regm v1 and v2 answers side by side: the new option is not asked in v1", () => {
    const pooled = pooledDataset([v1, v2]);
    const [practice9, practice1] = byName(["practice___9", "practice___1"], pooled);
    expect([...practice9!.asked.keys()]).toEqual([2]);
    expect(pooledCell(practice9!, 1, answered([1, 2]))).toBe(MISSING.notAsked);
    expect(pooledCell(practice9!, 2, answered([9]))).toBe(1);
    expect(pooledCell(practice1!, 1, answered([1, 2]))).toBe(1);
    expect(pooledCell(practice1!, 2, answered([9]))).toBe(0);
    // The joined column knows the new code's label too.
    const joined = pooled.variables.find((v) => v.name === "practice" && v.joined)!;
    expect(joined.joinedCodes!.map((c) => c.code)).toContain(9);
  });

  it("keeps each version's own question, so a reworded one keeps its wording", () => {
    const csRole = pooledDataset([v1, v2]).variables.find((v) => v.name === "cs_role")!;
    expect(csRole.asked.get(1)!.question).not.toHaveProperty("wording");
    expect(csRole.asked.get(2)!.question).toMatchObject({ wording: "cs_role_v2" });
    expect(csRole.missing).not.toContain(MISSING.notAsked);
  });

  it("is the version's own dataset when it pools one version", () => {
    const one = pooledDataset([v2]);
    expect(one.variables.map((v) => v.name)).toEqual(datasetModel(v2).variables.map((v) => v.name));
    expect(one.variables.flatMap((v) => v.missing)).not.toContain(MISSING.notAsked);
    expect(one.variables.map((v) => v.missing)).toEqual(datasetModel(v2).variables.map((v) => v.missing));
  });
});
