import { describe, expect, it } from "vitest";
import { resolveAnswers } from "./answer-states";
import { datasetModel, itemAnswer } from "./dataset-model";
import { questionnaireSchema } from "./definition";
import { DEFAULT_LONGTEXT_MAX, DEFAULT_TEXT_MAX, OTHER_TEXT_MAX } from "./limits";
import { MISSING } from "./missing";
import demo from "~/questionnaires/demo";

const questionnaire = questionnaireSchema.parse({
  id: "model",
  version: 1,
  languages: ["en"],
  lists: {
    yn: [{ code: 1 }, { code: 2 }],
    pick: [{ code: -1 }, { code: 1 }, { code: 96, other: true }],
    scale: [{ code: 1 }, { code: 2 }],
  },
  sections: [
    {
      id: "s1",
      questions: [
        { id: "a", type: "single", list: "yn" },
        { id: "m", type: "multiple", list: "pick", showIf: { q: "a", equals: 1 } },
        { id: "note", type: "text" },
        { id: "long", type: "longtext" },
      ],
    },
    {
      id: "s2",
      showIf: { q: "a", equals: 2 },
      questions: [{ id: "grid", type: "matrix", rows: "yn", scale: "scale", dontKnow: true }],
    },
    {
      id: "s3",
      questions: [
        { id: "ex", type: "group", questions: [{ id: "kinds", type: "multiple", list: "yn" }] },
        { id: "top", type: "ranking", list: "yn", top: 2 },
      ],
    },
  ],
});
const model = datasetModel(questionnaire);
const variable = (name: string) => model.byName.get(name)!;

describe("the dataset model", () => {
  it("names every variable once, in questionnaire order, with defaults filled in", () => {
    expect(model.variables.filter((v) => !v.joined).map((v) => v.name)).toEqual([
      "a",
      "m___m1",
      "m___1",
      "m___96",
      "m_other",
      "note",
      "long",
      "grid_r1",
      "grid_r2",
      "ex_n",
      "top_1",
      "top_2",
    ]);
    expect(model.groups.get("ex")!.map((v) => v.name)).toEqual(["kinds___1", "kinds___2", "kinds"]);
    expect([variable("note").maxLength, variable("long").maxLength, variable("m_other").maxLength]).toEqual([
      DEFAULT_TEXT_MAX,
      DEFAULT_LONGTEXT_MAX,
      OTHER_TEXT_MAX,
    ]);
    expect(variable("grid_r1").missing).toEqual([MISSING.noAnswer, MISSING.notShown, MISSING.dontKnow]);
    expect(variable("kinds___1").missing).toEqual([MISSING.noAnswer]);
    expect(variable("a").values).toEqual([
      { code: 1, labelKey: "lists.yn.1" },
      { code: 2, labelKey: "lists.yn.2" },
    ]);
  });

  it("codes every state of a response, and a group left empty as none", () => {
    const answers = resolveAnswers(
      questionnaire,
      new Map([
        ["a", { state: "answered" as const, value: 1 }],
        ["m", { state: "answered" as const, value: [1] }],
        ["note", { state: "empty" as const }],
        ["long", { state: "not_shown" as const }],
      ]),
    );
    const cell = (name: string) => variable(name).cell(answers.get(variable(name).question.id));
    expect(answers.get("long")!.state).toBe("not_reached");
    expect(answers.get("grid")!.state).toBe("not_shown");
    expect([cell("m___1"), cell("m___96"), cell("m_other"), cell("note"), cell("grid_r1"), cell("ex_n")]).toEqual([
      1,
      0,
      MISSING.notShown,
      MISSING.noAnswer,
      MISSING.notShown,
      MISSING.noAnswer,
    ]);
    expect(variable("ex_n").cell({ state: "empty", value: null, otherText: null })).toBe(0);
    expect(variable("kinds___1").cell(itemAnswer({ kinds: [] }, "kinds"))).toBe(MISSING.noAnswer);
  });
});

describe("measurement levels", () => {
  it("are ordinal for the rows of a rating scale, scale for numbers and counts, nominal for codes and text", () => {
    const model = datasetModel(questionnaireSchema.parse(demo));
    const level = (name: string) => model.byName.get(name)!.level;
    expect(level("aspects_r1")).toBe("ordinal");
    expect(level("staff")).toBe("scale");
    expect(level("example_n")).toBe("scale");
    expect(level("size")).toBe("nominal");
    expect(level("channels___1")).toBe("nominal");
    expect(level("name")).toBe("nominal");
  });
});
