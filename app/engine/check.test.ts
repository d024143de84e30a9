import { describe, expect, it } from "vitest";
import { resources } from "~/i18n/i18next.server";
import demo from "~/questionnaires/demo";
import preRegm from "~/questionnaires/pre-regm";
import { findDefinitionFaults, loadQuestionnaire } from "./check";
import { questionnaireSchema, type Questionnaire } from "./definition";
import { requiredWordingKeys, seedThemeWordingKeys } from "./wording";

function definition(overrides: Partial<Questionnaire> = {}): Questionnaire {
  return questionnaireSchema.parse({
    id: "t",
    version: 1,
    languages: ["en"],
    lists: { yn: [{ code: 1 }, { code: 2 }] },
    sections: [
      {
        id: "s1",
        questions: [
          { id: "a", type: "single", list: "yn" },
          { id: "b", type: "text", showIf: { q: "a", equals: 1 } },
        ],
      },
    ],
    ...overrides,
  });
}

/** A locale with every key the definition needs, so only the fault under test shows. */
function completeLocale(q: Questionnaire): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const key of [...requiredWordingKeys(q), ...seedThemeWordingKeys(q)]) {
    const parts = key.split(".");
    let node = tree;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = `text of ${key}`;
  }
  return tree;
}

function faultsOf(q: Questionnaire) {
  return findDefinitionFaults(q, { en: completeLocale(q) });
}

describe("findDefinitionFaults", () => {
  it("finds none in a sound definition", () => {
    expect(faultsOf(definition())).toEqual([]);
  });

  it("names a duplicate question id", () => {
    const q = definition();
    q.sections.push({ id: "s2", questions: [{ id: "a", type: "text" }] });
    expect(faultsOf(q)).toEqual([`questionnaire "t": variable "a" of question "a" is already used by question "a"`]);
  });

  it("names a variable that collides with a derived column", () => {
    const q = definition({ lists: { yn: [{ code: 1 }, { code: 96, other: true }] } });
    q.sections[0]!.questions.push({ id: "a_other", type: "text" });
    expect(faultsOf(q)).toEqual([`questionnaire "t": variable "a_other" of question "a_other" is already used by question "a"`]);
  });

  it("names a start section that is not first, has a condition or asks more than consent", () => {
    const q = definition();
    q.sections.push({ id: "late", start: true, showIf: { q: "a", equals: 1 }, questions: [{ id: "c", type: "text" }] });
    expect(faultsOf(q)).toEqual([
      `questionnaire "t": start section "late" is not the first section`,
      `questionnaire "t": start section "late" has a condition; it is always asked`,
      `questionnaire "t": start section "late" asks "c", a text question; it takes consent questions only`,
    ]);
  });

  it("wants the start page's notice worded when consent is asked there", () => {
    const q = definition();
    q.sections.unshift({ id: "consent", start: true, questions: [{ id: "ok", type: "consent", required: true }] });
    expect(faultsOf(q)).toEqual([]);
    expect(requiredWordingKeys(q)).toEqual(expect.arrayContaining(["start.purpose", "privacy.controller", "privacy.contact"]));
    expect(requiredWordingKeys(definition())).not.toContain("start.purpose");
  });

  it("names a duplicate section id", () => {
    const q = definition();
    q.sections.push({ id: "s1", questions: [{ id: "c", type: "text" }] });
    expect(faultsOf(q)).toEqual([`questionnaire "t": section id "s1" is used twice`]);
  });

  it("names a duplicate option code", () => {
    expect(faultsOf(definition({ lists: { yn: [{ code: 1 }, { code: 1 }] } }))).toEqual([
      `questionnaire "t": list "yn" has the option code 1 twice`,
    ]);
  });

  it("names a condition on an unknown question", () => {
    const q = definition();
    q.sections[0]!.questions[1]!.showIf = { q: "zzz", equals: 1 };
    expect(faultsOf(q)).toEqual([`questionnaire "t": question "b" has a condition on an unknown question "zzz"`]);
  });

  it("names a condition on a later question, nested in logic", () => {
    const q = definition();
    q.sections[0]!.questions[0]!.showIf = { not: { any: [{ q: "b", answered: true }] } };
    expect(faultsOf(q)).toEqual([`questionnaire "t": question "a" has a condition on a later question "b"`]);
  });

  it("names a condition on the question itself", () => {
    const q = definition();
    q.sections[0]!.questions[1]!.showIf = { q: "b", answered: true };
    expect(faultsOf(q)).toEqual([`questionnaire "t": question "b" has a condition on itself`]);
  });

  it("names an unknown list", () => {
    const q = definition();
    q.sections[0]!.questions.push({ id: "c", type: "multiple", list: "nope" });
    expect(faultsOf(q)).toContain(`questionnaire "t": question "c" uses the unknown list "nope"`);
  });

  it("names an organiser filter that is not a choice question", () => {
    const q = definition({ organiserFilters: ["a", "b", "zz"] });
    expect(faultsOf(q)).toEqual([
      `questionnaire "t": organiser filter "b" is a text question; filters take single, multiple or country questions`,
      `questionnaire "t": organiser filter "zz" is not a question`,
    ]);
  });

  it("names a seed theme listed twice, and wants each seed theme's wording", () => {
    const q = definition({ seedThemes: [{ code: "trust", description: true }, { code: "money" }, { code: "trust" }] });
    expect(faultsOf(q)).toEqual([`questionnaire "t": seed theme "trust" is listed twice`]);
    expect(seedThemeWordingKeys(q)).toEqual([
      "seedThemes.trust.label",
      "seedThemes.trust.description",
      "seedThemes.money.label",
      "seedThemes.trust.label",
    ]);
    const locale = completeLocale(q) as { seedThemes: Record<string, unknown> };
    delete locale.seedThemes.money;
    expect(findDefinitionFaults(q, { en: locale })).toContain(
      `questionnaire "t": wording key "seedThemes.money.label" is missing from locales/en/t.json`,
    );
  });

  it("names a wording key missing from a locale, and where it belongs", () => {
    const q = definition();
    const locale = completeLocale(q) as { questions: Record<string, unknown> };
    delete locale.questions.b;
    expect(findDefinitionFaults(q, { en: locale })).toEqual([
      `questionnaire "t": wording key "questions.b.label" is missing from locales/en/t.json`,
    ]);
  });

  it("names an empty wording", () => {
    const q = definition();
    const locale = completeLocale(q) as { lists: { yn: Record<string, string> } };
    locale.lists.yn["2"] = "  ";
    expect(findDefinitionFaults(q, { en: locale })).toEqual([
      `questionnaire "t": wording key "lists.yn.2" is missing from locales/en/t.json`,
    ]);
  });
});

describe("loadQuestionnaire", () => {
  it("names the question whose shape is wrong", () => {
    const raw = structuredClone(definition()) as unknown as { sections: Array<{ questions: Array<Record<string, unknown>> }> };
    raw.sections[0]!.questions[1]!.maxLength = -3;
    expect(() => loadQuestionnaire(raw, {})).toThrow(/sections\.0 \(s1\)\.questions\.1 \(b\)\.maxLength/);
  });

  it("refuses an unknown question type", () => {
    const raw = structuredClone(definition()) as unknown as { sections: Array<{ questions: Array<Record<string, unknown>> }> };
    raw.sections[0]!.questions[0]!.type = "slider";
    expect(() => loadQuestionnaire(raw, {})).toThrow(/questions\.0 \(a\)/);
  });

  it.each([
    ["pre-regm", preRegm],
    ["demo", demo],
  ])("accepts the shipped questionnaire %s with its locales", (id, raw) => {
    const locales = Object.fromEntries(Object.entries(resources).map(([l, ns]) => [l, ns[id]]));
    expect(loadQuestionnaire(raw, locales).id).toBe(id);
  });
});
