import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { questionnaireSchema } from "~/engine/definition";
import { requiredWordingKeys } from "~/engine/wording";
import { loadResources } from "~/i18n/resources.server";
import { env } from "~/utils/env.server";
import { paperPath, paperTranslator, paperVersion, paperVersions } from "./paper-version";
import preRegm from "./pre-regm";

const generated = paperVersions(env.LANGUAGES);

describe("the paper version", () => {
  it("is one document per enabled language, each up to date with the definition and its wording", () => {
    expect([...generated.keys()]).toEqual(["en", "es"]);
    for (const [language, markdown] of generated) {
      const file = path.resolve(paperPath(language));
      const onDisk = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      // On failure: run `npm run paper` and commit docs/questionnaire*.md.
      expect(onDisk === markdown, `${paperPath(language)} is stale: run npm run paper`).toBe(true);
    }
  });

  it("shows every text of the questionnaire in its own language", () => {
    const resources = loadResources();
    const questionnaire = questionnaireSchema.parse(preRegm);
    for (const language of ["en", "es"]) {
      for (const key of requiredWordingKeys(questionnaire)) {
        const text = key
          .split(".")
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources[language]!["pre-regm"]);
        expect(generated.get(language), `${language}: ${key}`).toContain(String(text).replace(/\|/g, "\\|"));
      }
    }
  });

  it("states each skip rule in words, in each language", () => {
    const en = generated.get("en")!;
    const es = generated.get("es")!;
    expect(en).toContain(
      "Asked only if the answer to Q1.1 `org_type` is “Private company” (4) or “Industry or business association” (5).",
    );
    expect(es).toContain("Se pregunta solo si la respuesta a P1.1 `org_type` es «Empresa privada» (4)");
    expect(en).toContain("only if the answer to Q1.7 `areas` includes “Technology sector” (3)");
    expect(es).toContain("solo si la respuesta a P1.7 `areas` incluye «Sector tecnológico» (3)");
    expect(en).not.toContain("Se pregunta");
    expect(es).not.toContain("Asked");
  });

  it("words nested conditions, limits and flags of any definition", () => {
    const tiny = questionnaireSchema.parse({
      id: "tiny",
      version: 2,
      languages: ["en", "es"],
      lists: { yn: [{ code: 1 }, { code: 2 }], many: [{ code: 1 }, { code: 96, other: true }, { code: 97, exclusive: true }] },
      sections: [
        {
          id: "s",
          questions: [
            { id: "a", type: "single", list: "yn", required: true },
            { id: "b", type: "multiple", list: "many", min: 1, max: 2 },
            {
              id: "c",
              type: "number",
              integer: true,
              min: 0,
              max: 9,
              showIf: { all: [{ q: "a", equals: 1 }, { not: { q: "b", contains: 97 } }] },
            },
            {
              id: "d",
              type: "text",
              showIf: {
                any: [
                  { q: "c", answered: true },
                  {
                    all: [
                      { q: "a", in: [2] },
                      { q: "b", contains: 1 },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const words = (language: string) => ({
      title: `T-${language}`,
      intro: `I-${language}`,
      sections: { s: { title: `S-${language}` } },
      questions: Object.fromEntries(["a", "b", "c", "d"].map((id) => [id, { label: `${id}-${language}` }])),
      lists: {
        yn: { 1: `yes-${language}`, 2: `no-${language}` },
        many: { 1: `one-${language}`, 96: `other-${language}`, 97: `none-${language}` },
      },
    });
    const common = { form: { dontKnow: "DK" } };
    const resources = loadResources();
    const wording = (language: string) => ({
      language,
      questionnaire: words(language),
      common,
      t: paperTranslator(resources, language),
    });
    const doc = paperVersion(tiny, wording("en"));
    const docEs = paperVersion(tiny, wording("es"));
    expect(doc).toContain(
      "Asked only if the answer to Q1.1 `a` is “yes-en” (1) and it is not the case that the answer to Q1.2 `b` includes “none-en” (97).",
    );
    expect(docEs).toContain(
      "Se pregunta solo si se respondió P1.3 `c` o (la respuesta a P1.1 `a` es «no-es» (2) y la respuesta a P1.2 `b` incluye «one-es» (1)).",
    );
    expect(doc).toContain("Multiple choice: all that apply (at least 1, at most 2)");
    expect(doc).toContain("Whole number, from 0 to 9");
    expect(docEs).toContain("Número entero, de 0 a 9");
    expect(doc).toContain("| 96 | `b___96` | other-en *(specify)* |");
    expect(docEs).toContain("| 96 | `b___96` | other-es *(especifique)* |");
    expect(doc).toContain("none-en *(cannot be combined with other options)*");
    expect(doc).toContain("`b___1`, `b___96`, `b___97`, `b_other`");
  });
});
