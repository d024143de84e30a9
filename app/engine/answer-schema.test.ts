import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { fixedT } from "~/i18n/i18next.server";
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
});
