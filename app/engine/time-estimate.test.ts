import { describe, expect, it } from "vitest";
import { questionnaireSchema } from "./definition";
import preRegm from "~/questionnaires/pre-regm";
import { estimateTime, roughMinutes } from "./time-estimate";

const questionnaire = questionnaireSchema.parse({
  id: "paths",
  version: 1,
  languages: ["en"],
  lists: { areas: [{ code: 1 }, { code: 2 }, { code: 97, exclusive: true }], yn: [{ code: 1 }, { code: 2 }] },
  sections: [
    {
      id: "about",
      questions: [
        { id: "areas", type: "multiple", list: "areas", required: true },
        { id: "more", type: "single", list: "yn", showIf: { q: "areas", contains: 2 } },
      ],
    },
    { id: "one", showIf: { q: "areas", contains: 1 }, questions: [{ id: "why1", type: "longtext" }] },
    { id: "two", showIf: { q: "areas", contains: 2 }, questions: [{ id: "why2", type: "longtext" }] },
    {
      id: "examples",
      questions: [{ id: "ex", type: "group", min: 0, questions: [{ id: "name", type: "text" }] }],
    },
  ],
});

describe("estimateTime", () => {
  it("counts the questions of the shortest and the longest path by their type", () => {
    const estimate = estimateTime(questionnaire);
    // Shortest: "none of these" (97) shows neither area section nor "more"; no example.
    expect(estimate.shortestSeconds).toBe(2 * 20 + 20);
    // Longest: both areas, "more" shown, one example.
    expect(estimate.longestSeconds).toBe(4 * 20 + 20 + 12 + 2 * 180 + 30);
    expect(estimate.perItemSeconds).toEqual({ ex: 30 });
  });

  it("gives the Pre-REGM questionnaire a longer path with every sector than without", () => {
    const { shortestSeconds, longestSeconds } = estimateTime(questionnaireSchema.parse(preRegm));
    expect(longestSeconds - shortestSeconds).toBeGreaterThanOrEqual(3 * 10 * 10);
  });
});

describe("roughMinutes", () => {
  it("says whole minutes up to ten, then fives", () => {
    expect([roughMinutes(20), roughMinutes(250), roughMinutes(26 * 60), roughMinutes(44 * 60)]).toEqual([1, 4, 25, 45]);
  });
});
