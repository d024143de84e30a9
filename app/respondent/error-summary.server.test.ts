import { describe, expect, it } from "vitest";
import { questionnaireSchema } from "~/engine/definition";
import { fixedT } from "~/i18n/i18next.server";
import preRegm from "~/questionnaires/pre-regm";
import { errorSummaryOf } from "./error-summary.server";

const questionnaire = questionnaireSchema.parse(preRegm);
const section = (id: string) => questionnaire.sections.find((s) => s.id === id)!;

describe("errorSummaryOf", () => {
  it("links each field in error to its id, in the page's order, named by its question, row or item", () => {
    const links = errorSummaryOf(
      questionnaire,
      section("about"),
      { areas: ["Please answer this question."], org_type: ["Please answer this question."], "": ["form"], years: [] },
      "en",
    );
    expect(links).toEqual([
      { href: "#section-about-org_type", text: "Which type of organisation do you work for?: Please answer this question." },
      {
        href: "#section-about-areas",
        text: expect.stringMatching(/^On which of these areas .*: Please answer this question\.$/) as string,
      },
    ]);
  });

  it("names a grid's row, a repeated item's field, an 'other' text, and sends a ranking's place to its first choice", () => {
    const rows = errorSummaryOf(questionnaire, section("ch_tech"), { "chal_te.r10": ["x"], "chal_te.r2": ["y"] }, "es");
    expect(rows.map((l) => l.href)).toEqual(["#section-ch_tech-chal_te.r2", "#section-ch_tech-chal_te.r10"]);
    expect(rows[0]!.text).toBe(`${fixedT("es", "pre-regm")("lists.challenges.2")}: y`);

    const items = errorSummaryOf(questionnaire, section("practices"), { "ppp_ex[1].name": ["z"], practice__other: ["w"] }, "en");
    expect(items).toEqual([
      {
        href: "#section-practices-ppp_ex[1].name",
        text: expect.stringMatching(/^\S+ 2: Name of the partnership.*: z$/) as string,
      },
      { href: "#section-practices-practice__other", text: expect.stringMatching(/\(Please specify\): w$/) as string },
    ]);

    const ranking = errorSummaryOf(questionnaire, section("lessons"), { "enablers[1]": ["v"] }, "en");
    expect(ranking.map((l) => l.href)).toEqual(["#section-lessons-enablers"]);
  });

  it("leaves out what is not a field of the section", () => {
    expect(errorSummaryOf(questionnaire, section("about"), { chal_te: ["x"], "bogus[": ["y"] }, "en")).toEqual([]);
  });
});
