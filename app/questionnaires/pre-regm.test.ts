import { describe, expect, it } from "vitest";
import { findDefinitionFaults, loadQuestionnaire } from "~/engine/check";
import type { Answers } from "~/engine/conditions";
import { computeVisibility } from "~/engine/visibility";
import { requiredWordingKeys, seedThemeWordingKeys } from "~/engine/wording";
import { loadResources } from "~/i18n/resources.server";
import preRegmV1 from "./definitions/pre-regm/v1.json";
import preRegm from "./pre-regm";

const resources = loadResources();
const en = resources.en!;
const es = resources.es!;

/** Every leaf key of a locale tree, as `a.b.c`. */
function leafKeys(tree: unknown, prefix = ""): string[] {
  if (tree === null || typeof tree !== "object") return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}

function leafTexts(tree: unknown): Map<string, unknown> {
  const texts = new Map<string, unknown>();
  for (const key of leafKeys(tree)) {
    texts.set(
      key,
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree),
    );
  }
  return texts;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const locales = { en: en["pre-regm"], es: es["pre-regm"] };
const questionnaire = loadQuestionnaire(preRegm, locales);
/** Every version still read (old responses keep their wording): the locale files serve them all. */
const versions = [loadQuestionnaire(preRegmV1, locales), questionnaire];

describe("the Pre-REGM wording", () => {
  it("has exactly the same keys in English and Spanish", () => {
    expect(leafKeys(es["pre-regm"]).sort()).toEqual(leafKeys(en["pre-regm"]).sort());
  });

  it("has no key the definition does not use, and none it needs is missing", () => {
    const needed = new Set(versions.flatMap((q) => [...requiredWordingKeys(q), ...seedThemeWordingKeys(q)]));
    for (const language of ["en", "es"] as const) {
      expect(
        leafKeys(locales[language]).filter((k) => !needed.has(k)),
        language,
      ).toEqual([]);
    }
  });

  it("translates every text: no Spanish text is left in English or empty", () => {
    const english = leafTexts(en["pre-regm"]);
    const spanish = leafTexts(es["pre-regm"]);
    // Words that are the same in both languages.
    const same = new Set(["No"]);
    for (const [key, text] of spanish) {
      expect(typeof text === "string" && text.trim().length > 0, key).toBe(true);
      if (!same.has(text as string)) expect(text, key).not.toBe(english.get(key));
    }
  });

  it("uses the field's own Spanish terms and the formal usted", () => {
    const all = [...leafTexts(es["pre-regm"]).values()].join("\n");
    expect(all).toContain("trata de personas");
    // Not "APP": in Mexico it names infrastructure partnerships.
    expect(all).toContain("alianzas público-privadas");
    expect(all).toContain("reportes de operaciones sospechosas");
    // Informal second person (tú, vosotros) has no place in a formal questionnaire.
    expect(all).not.toMatch(/(?<!\p{L})(tú|tienes|puedes|quieres|vosotros|vuestr[oa]s?)(?!\p{L})/iu);
  });

  it("has the same common keys in English and Spanish, plural forms aside", () => {
    const base = (tree: unknown) => [...new Set(leafKeys(tree).map((k) => k.replace(PLURAL, "")))].sort();
    expect(base(es.common)).toEqual(base(en.common));
    for (const [language, tree] of [
      ["en", en.common],
      ["es", es.common],
    ] as const) {
      const categories = new Set(new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[]);
      for (const key of leafKeys(tree).filter((k) => PLURAL.test(k))) {
        expect(categories.has(key.match(PLURAL)![1]!), `${language}: ${key}`).toBe(true);
        expect(leafKeys(tree), `${language}: ${key} needs an _other form`).toContain(key.replace(PLURAL, "_other"));
      }
    }
  });
});

describe("the Pre-REGM definition", () => {
  it("loads with no faults", () => {
    expect(findDefinitionFaults(questionnaire, locales)).toEqual([]);
    expect(questionnaire).toMatchObject({ id: "pre-regm", version: 2, languages: ["en", "es"] });
  });

  it("keeps the organisation codes of its first version", () => {
    expect(questionnaire.lists.org_type).toEqual([
      { code: 1 },
      { code: 2 },
      { code: 3 },
      { code: 4 },
      { code: 5 },
      { code: 6 },
      { code: 7 },
      { code: 8 },
      { code: 96, other: true },
    ]);
  });

  it("follows the conventions for other, none and don't know, and never uses a negative code", () => {
    for (const [listId, options] of Object.entries(questionnaire.lists)) {
      for (const option of options) {
        expect(option.code, `${listId} ${option.code}`).toBeGreaterThan(0);
        if (option.other) expect(option.code, listId).toBe(96);
        // "None of these" (97) and "Don't know" (98) are each an answer on their own.
        if (option.exclusive) expect([97, 98], listId).toContain(option.code);
      }
    }
  });

  it("asks the industry of private actors only", () => {
    const shown = (orgType: number) => computeVisibility(questionnaire, { org_type: orgType }).questions.has("industry");
    expect([1, 2, 3, 4, 5, 6, 7, 8, 96].filter(shown)).toEqual([4, 5]);
  });

  it("shows one challenge section for each area chosen, and none for “None of these”", () => {
    const sections = (areas: number[]) => {
      const visible = computeVisibility(questionnaire, { areas } as Answers).sections;
      return ["ch_supply", "ch_fin", "ch_tech"].filter((id) => visible.has(id));
    };
    expect(sections([3])).toEqual(["ch_tech"]);
    expect(sections([1, 2])).toEqual(["ch_supply", "ch_fin"]);
    expect(sections([1, 2, 3])).toEqual(["ch_supply", "ch_fin", "ch_tech"]);
    expect(sections([97])).toEqual([]);
    expect(sections([])).toEqual([]);
  });

  it("asks consent on the start page, then follows the meeting's key questions", () => {
    expect(questionnaire.sections.map((s) => s.id)).toEqual([
      "consent",
      "about",
      "ch_supply",
      "ch_fin",
      "ch_tech",
      "practices",
      "lessons",
      "roles",
      "follow_up",
    ]);
    const [start] = questionnaire.sections;
    expect(start).toMatchObject({ start: true, questions: [{ id: "consent", type: "consent", required: true, hint: true }] });
  });
});
