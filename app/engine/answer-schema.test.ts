import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { fixedT } from "~/i18n/i18next.server";
import demoDefinition from "~/questionnaires/demo";
import { deriveSectionSchema } from "./answer-schema";
import { questionnaireSchema, type Questionnaire } from "./definition";

const questionnaire: Questionnaire = questionnaireSchema.parse({
  id: "mini",
  version: 1,
  languages: ["en"],
  lists: { org: [{ code: 1 }, { code: 2 }, { code: 96, other: true }] },
  sections: [
    {
      id: "about",
      questions: [
        { id: "org", type: "single", list: "org", required: true },
        { id: "country", type: "country" },
        { id: "note", type: "text", maxLength: 10 },
      ],
    },
  ],
});
const section = questionnaire.sections[0]!;
const all = new Set(["org", "country", "note"]);

function submit(entries: Record<string, string>, language = "en", shown = all) {
  const formData = new FormData();
  for (const [k, v] of Object.entries(entries)) formData.append(k, v);
  const schema = deriveSectionSchema(questionnaire, section, shown, fixedT(language));
  return parseWithZod(formData, { schema, disableAutoCoercion: true });
}

describe("deriveSectionSchema", () => {
  it("turns choices into their numeric codes and trims text", () => {
    const result = submit({ org: "2", country: "MX", note: "  hello " });
    expect(result.status).toBe("success");
    expect(result.status === "success" && result.value).toEqual({ org: 2, country: "MX", note: "hello" });
  });

  it("reports a missing required answer in the respondent's language", () => {
    const result = submit({ country: "MX" }, "es");
    expect(result.status).toBe("error");
    expect(result.reply().error).toEqual({ org: ["Por favor, responda esta pregunta."] });
  });

  it("refuses codes that are not in the list and unknown countries", () => {
    const result = submit({ org: "7", country: "XX" });
    expect(Object.keys(result.reply().error ?? {}).sort()).toEqual(["country", "org"]);
  });

  it("stores the code of a country typed by its UN name in either language, whatever the case or accents", () => {
    for (const typed of ["Saint Kitts y Nevis", "saint kitts and nevis", "MEXICO", "México", "mx"]) {
      const result = submit({ org: "1", country: typed });
      expect(result.status, typed).toBe("success");
    }
    const kitts = submit({ org: "1", country: " Saint Kitts y Nevis " });
    expect(kitts.status === "success" && kitts.value).toMatchObject({ country: "KN" });
    expect(submit({ org: "1", country: "Mexco" }).reply().error).toEqual({ country: ["Please choose a country from the list."] });
  });

  it("enforces the maximum length", () => {
    const result = submit({ org: "1", note: "x".repeat(11) });
    expect(result.reply().error).toEqual({ note: ["Please use at most 10 characters."] });
  });

  it("asks for the other text only when other is chosen, and drops it otherwise", () => {
    expect(submit({ org: "96" }).reply().error).toEqual({ org__other: ["Please say what “other” means here."] });
    const chosen = submit({ org: "96", org__other: "A foundation" });
    expect(chosen.status === "success" && chosen.value).toMatchObject({ org: 96, org__other: "A foundation" });
    const unchosen = submit({ org: "1", org__other: "left over" });
    expect(unchosen.status === "success" && unchosen.value).toEqual({ org: 1 });
  });

  it("leaves out questions that are not shown", () => {
    const result = submit({ org: "1", note: "x".repeat(50) }, "en", new Set(["org"]));
    expect(result.status === "success" && result.value).toEqual({ org: 1 });
  });

  it("builds a section's schema once per language, strictness and questions shown, not on every save", () => {
    const derive = (language: string, shown: Set<string>, relaxed = false) =>
      deriveSectionSchema(questionnaire, section, shown, fixedT(language), { relaxed });
    expect(derive("en", new Set(all))).toBe(derive("en", new Set(all)));
    expect(derive("en", new Set(["org"]))).toBe(derive("en", new Set(["org"])));
    expect(derive("en", new Set(["org"]))).not.toBe(derive("en", all));
    expect(derive("es", all)).not.toBe(derive("en", all));
    expect(derive("en", all, true)).not.toBe(derive("en", all));
  });

  it("keeps each kept schema's own rules: language, strictness and questions shown", () => {
    // Each variant made first, then used in another order: none borrows another's rules.
    const strictEn = submit({}, "en");
    const strictEs = submit({}, "es");
    const orgOnly = submit({ note: "x".repeat(50) }, "en", new Set(["org"]));
    const relaxed = parseWithZod(new FormData(), {
      schema: deriveSectionSchema(questionnaire, section, all, fixedT("en"), { relaxed: true }),
      disableAutoCoercion: true,
    });
    expect(strictEn.reply().error).toEqual({ org: ["Please answer this question."] });
    expect(strictEs.reply().error).toEqual({ org: [fixedT("es")("errors.required")] });
    expect(orgOnly.reply().error).toEqual({ org: ["Please answer this question."] });
    expect(relaxed.status).toBe("success");
    expect(submit({}, "en").reply().error).toEqual(strictEn.reply().error);
  });
});

describe("deriveSectionSchema on every question type (demo questionnaire)", () => {
  const demo = questionnaireSchema.parse(demoDefinition);
  function errorsOf(sectionId: string, entries: Array<[string, string]>, language = "en") {
    const section = demo.sections.find((s) => s.id === sectionId)!;
    const formData = new FormData();
    for (const [k, v] of entries) formData.append(k, v);
    const schema = deriveSectionSchema(demo, section, new Set(section.questions.map((q) => q.id)), fixedT(language));
    return parseWithZod(formData, { schema, disableAutoCoercion: true }).reply().error ?? {};
  }
  const choices = (extra: Array<[string, string]>) => errorsOf("choices", [["likes_fruit", "2"], ["fruit", "1"], ...extra]);

  it("multiple choice: at least min, at most max, exclusive alone", () => {
    expect(
      choices([
        ["channels", "1"],
        ["channels", "2"],
        ["channels", "3"],
        ["channels", "96"],
        ["channels__other", "x"],
      ]),
    ).toEqual({
      channels: ["Please choose at most 3 options."],
    });
    expect(
      choices([
        ["channels", "1"],
        ["channels", "97"],
      ]),
    ).toEqual({ channels: ["This answer cannot be combined with other options."] });
    expect(choices([["channels", "97"]])).toEqual({});
  });

  it("number: whole numbers within bounds, decimal comma accepted", () => {
    expect(errorsOf("facts", [["staff", "2.5"]])).toEqual({ staff: ["Please enter a whole number."] });
    expect(errorsOf("facts", [["staff", "-1"]])).toEqual({ staff: ["Please enter 0 or more."] });
    expect(errorsOf("facts", [["staff", "many"]])).toEqual({ staff: ["Please enter a number."] });
    expect(errorsOf("facts", [["share", "12,5"]])).toEqual({});
    expect(errorsOf("facts", [["share", "101"]], "es")).toEqual({ share: ["Por favor, escriba 100 o menos."] });
  });

  it("date, email and country", () => {
    expect(
      errorsOf("facts", [
        ["started", "1949-12-31"],
        ["contact", "not-an-address"],
        ["based_in", "ZZ"],
      ]),
    ).toEqual({
      started: ["Please enter a date on or after 1950-01-01."],
      contact: ["Please enter an email address, for example name@example.org."],
      based_in: ["Please choose a country from the list."],
    });
    expect(errorsOf("facts", [["started", "31/12/2020"]])).toEqual({
      started: ["Please enter a date as year-month-day, for example 2021-03-24."],
    });
  });

  it("matrix: every row when required, scale codes or don't know only", () => {
    expect(
      errorsOf("opinions", [
        ["aspects.r1", "4"],
        ["aspects.r2", "-77"],
      ]),
    ).toEqual({ "aspects.r3": ["Please answer this question."] });
    expect(
      errorsOf("opinions", [
        ["aspects.r1", "4"],
        ["aspects.r2", "-77"],
        ["aspects.r3", "9"],
      ]),
    ).toEqual({
      "aspects.r3": ["Please choose one of the options offered."],
    });
  });

  it("ranking: no option twice, no gaps", () => {
    const full: Array<[string, string]> = [
      ["aspects.r1", "1"],
      ["aspects.r2", "1"],
      ["aspects.r3", "1"],
    ];
    expect(errorsOf("opinions", [...full, ["enablers[0]", "2"], ["enablers[1]", "2"]])).toEqual({
      enablers: ["Please rank each option only once."],
    });
    expect(errorsOf("opinions", [...full, ["enablers[0]", "2"], ["enablers[1]", ""], ["enablers[2]", "3"]])).toEqual({
      enablers: ["Please fill the ranks in order, starting with the first."],
    });
  });

  it("consent must be given; group items are validated and limited", () => {
    expect(errorsOf("examples", [])).toEqual({ agree: ["Please tick the box to give your consent."] });
    const four = [0, 1, 2, 3].map((i): [string, string] => [`example[${i}].title`, `Project ${i}`]);
    expect(errorsOf("examples", [["agree", "on"], ...four])).toEqual({ example: ["Please add at most 3 items."] });
    expect(
      errorsOf("examples", [
        ["agree", "on"],
        ["example[0].year", "1800"],
      ]),
    ).toEqual({
      "example[0].title": ["Please answer this question."],
      "example[0].year": ["Please enter 1990 or more."],
    });
  });
});
