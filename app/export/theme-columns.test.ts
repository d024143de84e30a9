import { describe, expect, it } from "vitest";
import type { Question } from "~/engine/definition";
import { MISSING, themeColumns, type CodingOfAnswer, type StoredAnswer } from "./columns";

const story: Question = { id: "story", type: "longtext" };
const [column] = themeColumns([story], [{ id: "t1", code: "trust" }]);
const answered: StoredAnswer = { state: "answered", value: "A story.", otherText: null };
const reading = (coded: boolean, themeIds: string[] = []): CodingOfAnswer => ({ coderId: "u1", coded, themeIds, note: "" });

describe("theme columns", () => {
  it("tell an answer not coded yet (-66) from no answer (-99) and not shown (-88)", () => {
    expect(MISSING.notCoded).toBe(-66);
    expect(column!.cell(answered, undefined)).toBe(-66);
    // A note alone is a memo: the answer is still not coded.
    expect(column!.cell(answered, [reading(false)])).toBe(-66);
    expect(column!.cell({ state: "empty", value: null, otherText: null }, undefined)).toBe(-99);
    expect(column!.cell({ state: "not_shown", value: null, otherText: null }, undefined)).toBe(-88);
  });

  it("are 1 when a coder tagged the theme, 0 when coders decided the answer without it", () => {
    expect(column!.cell(answered, [reading(true, ["t1"]), reading(true)])).toBe(1);
    expect(column!.cell(answered, [reading(true), reading(false)])).toBe(0);
  });
});
