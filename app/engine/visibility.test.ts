import { describe, expect, it } from "vitest";
import { questionnaireSchema } from "./definition";
import { computeVisibility } from "./visibility";

const questionnaire = questionnaireSchema.parse({
  id: "chain",
  version: 1,
  languages: ["en"],
  lists: { yn: [{ code: 1 }, { code: 2 }] },
  sections: [
    {
      id: "s1",
      questions: [
        { id: "a", type: "single", list: "yn" },
        { id: "b", type: "single", list: "yn", showIf: { q: "a", equals: 1 } },
      ],
    },
    { id: "s2", showIf: { q: "b", equals: 1 }, questions: [{ id: "c", type: "text" }] },
    { id: "s3", questions: [{ id: "d", type: "text", showIf: { not: { q: "b", answered: true } } }] },
  ],
});

describe("computeVisibility", () => {
  it("shows what the answers lead to", () => {
    const v = computeVisibility(questionnaire, { a: 1, b: 1 });
    expect([...v.sections]).toEqual(["s1", "s2", "s3"]);
    expect([...v.questions]).toEqual(["a", "b", "c"]);
  });

  it("ignores the answer of a hidden question, hiding what depended on it", () => {
    // b still holds 1 from before, but a no longer shows b: so s2 goes and d comes back.
    const v = computeVisibility(questionnaire, { a: 2, b: 1, c: "kept?" });
    expect([...v.sections]).toEqual(["s1", "s3"]);
    expect([...v.questions]).toEqual(["a", "d"]);
  });
});
