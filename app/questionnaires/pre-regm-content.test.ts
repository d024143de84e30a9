import { describe, expect, it } from "vitest";
import { loadQuestionnaire } from "~/engine/check";
import type { Answers } from "~/engine/conditions";
import { datasetModel } from "~/engine/dataset-model";
import type { Question } from "~/engine/definition";
import { MISSING } from "~/engine/missing";
import { computeVisibility } from "~/engine/visibility";
import { loadResources } from "~/i18n/resources.server";
import preRegm from "./pre-regm";

// The fixes of the content review (issue #17): each wording, option and follow-up it asked for.
const resources = loadResources();
const text = (language: "en" | "es", namespace: string, key: string): unknown =>
  key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[language]![namespace]);
const locales = { en: resources.en!["pre-regm"], es: resources.es!["pre-regm"] };
const questionnaire = loadQuestionnaire(preRegm, locales);
const question = (id: string): Question => questionnaire.sections.flatMap((s) => s.questions).find((q) => q.id === id)!;
const codes = (listId: string) => questionnaire.lists[listId]!.map((o) => o.code);
const shown = (answers: Answers) => computeVisibility(questionnaire, answers).questions;

/** Every string of a locale tree. */
function strings(tree: unknown): string[] {
  if (typeof tree === "string") return [tree];
  return tree && typeof tree === "object" ? Object.values(tree).flatMap(strings) : [];
}

describe("the Pre-REGM wording after the content review", () => {
  it("spells out the Regional Expert Group Meeting in the title", () => {
    expect(text("en", "pre-regm", "title")).toContain("Regional Expert Group Meeting");
    expect(text("es", "pre-regm", "title")).toContain("Reunión Regional del Grupo de Expertos");
  });

  it("says “alianzas” in Spanish, never “APP” (in Mexico, infrastructure partnerships)", () => {
    expect(strings(locales.es).filter((s) => /\bAPP\b/.test(s))).toEqual([]);
  });

  it("asks where the respondent mainly works", () => {
    expect(text("es", "pre-regm", "questions.country.label")).toBe("¿En qué país trabaja principalmente?");
    expect(text("en", "pre-regm", "questions.country.label")).toBe("In which country do you mainly work?");
  });

  it("says “No sé” everywhere, never “No sabe”", () => {
    expect(text("es", "common", "form.dontKnow")).toBe("No sé");
    for (const namespace of ["common", "pre-regm", "organiser"]) {
      expect(
        strings(resources.es![namespace]).filter((s) => /no sabe/i.test(s)),
        namespace,
      ).toEqual([]);
    }
  });

  it("names ranks as places, the first as the most important", () => {
    expect(text("es", "common", "form.ranks.1")).toBe("1.er lugar (el más importante)");
    expect(text("en", "common", "form.ranks.1")).toBe("1st place (most important)");
    expect(text("es", "common", "form.ranks.2")).toBe("2.º lugar");
    expect(text("es", "common", "form.ranks.3")).toBe("3.er lugar");
    expect(text("en", "common", "form.ranks.3")).toBe("3rd place");
  });

  it("calls a group's items examples", () => {
    expect(text("es", "common", "form.item")).toBe("Ejemplo {{n}}");
    expect(text("en", "common", "form.item")).toBe("Example {{n}}");
    expect(text("es", "common", "form.addItem")).toBe("Agregar un ejemplo");
    expect(text("en", "common", "form.addItem")).toBe("Add an example");
  });

  it("uses the reviewed words for the hub, law enforcement, coalitions, new questions and the skip link", () => {
    for (const language of ["en", "es"] as const) expect(text(language, "pre-regm", "questions.hub.label")).toContain("WhatsOn");
    expect(text("es", "pre-regm", "lists.org_type.2")).toMatch(/^Policía, fiscalía u otro organismo/);
    expect(text("es", "pre-regm", "lists.practice.8")).toContain("en todo un sector");
    expect(text("es", "common", "form.moreQuestions")).toMatch(/^Según sus respuestas, hay nuevas preguntas/);
    expect(text("es", "common", "app.skipToContent")).toBe("Ir al contenido principal");
  });

  it("offers an anonymous citation that does not single out one expert among sixty", () => {
    for (const language of ["en", "es"] as const) {
      const anonymous = text(language, "pre-regm", "lists.cite.2") as string;
      // No organisation type, sector or country in the example: with 60 experts, one bank in Mexico is a person.
      expect(anonymous, language).not.toMatch(/bank|banco|Mexico|México/i);
    }
  });

  it("no longer presumes that the practices worked", () => {
    expect(text("en", "pre-regm", "questions.practice.label")).not.toMatch(/work/i);
    expect(text("es", "pre-regm", "questions.practice.label")).not.toMatch(/funcionar/i);
  });
});

describe("the Pre-REGM options and follow-ups after the content review", () => {
  it("offers “not relevant to this sector” in each challenge grid, stored as its own missing code", () => {
    for (const id of ["chal_sc", "chal_fi", "chal_te"]) {
      expect(question(id), id).toMatchObject({ type: "matrix", notApplicable: true, dontKnow: true });
      expect(text("es", "pre-regm", `questions.${id}.notApplicable`)).toBe("No es pertinente para este sector");
      const rows = datasetModel(questionnaire).variables.filter((v) => v.question.id === id);
      expect(rows.length, id).toBe(10);
      for (const row of rows) expect(row.missing, row.name).toContain(MISSING.notApplicable);
    }
  });

  it("offers “don't know” for practices, the role of international organisations and meetings, with new codes", () => {
    expect(questionnaire.lists.practice!.find((o) => o.code === 98)).toEqual({ code: 98, exclusive: true });
    expect(questionnaire.lists.io_role!.find((o) => o.code === 98)).toEqual({ code: 98, exclusive: true });
    expect(question("meetings")).toMatchObject({ list: "yes_no" });
    expect(codes("yes_no")).toEqual([1, 2, 98]);
    // The codes of the first version keep their meaning; v2 adds 9 (information sharing), a new code.
    expect(codes("practice")).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 96, 97, 98]);
    expect(codes("io_role").slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 96, 97]);
    expect(text("es", "pre-regm", "lists.practice.98")).toBe("No sé");
  });

  it("asks the name and organisation to cite when the respondent chooses to be cited by name", () => {
    expect(shown({ cite: 1 }).has("cite_name")).toBe(true);
    expect(shown({ cite: 1 }).has("cite_org")).toBe(true);
    for (const other of [2, 3]) expect(shown({ cite: other }).has("cite_name")).toBe(false);
    expect(question("cite_name")).toMatchObject({ type: "text", required: true, personal: true });
    expect(question("cite_org")).toMatchObject({ type: "text", required: true, personal: true });
  });

  it("asks for an e-mail address, required, when the respondent wants to join the hub or be invited to meetings", () => {
    for (const answers of [{ hub: 1 }, { meetings: 1 }, { hub: 1, meetings: 1 }] as Answers[]) {
      expect(shown(answers).has("email_invite"), JSON.stringify(answers)).toBe(true);
      expect(shown(answers).has("email"), JSON.stringify(answers)).toBe(false);
    }
    expect(shown({ hub: 2, meetings: 2 }).has("email_invite")).toBe(false);
    expect(shown({ hub: 2, meetings: 2 }).has("email")).toBe(true);
    expect(question("email_invite")).toMatchObject({ type: "email", required: true, personal: true });
  });

  it("asks someone without experience of such partnerships what they have seen, not what they have learned", () => {
    expect(shown({ years: 1 }).has("lessons_seen")).toBe(true);
    expect(shown({ years: 1 }).has("lessons")).toBe(false);
    for (const years of [2, 3, 4, 5]) {
      expect(shown({ years }).has("lessons"), String(years)).toBe(true);
      expect(shown({ years }).has("lessons_seen"), String(years)).toBe(false);
    }
  });

  it("puts the new variables in the dataset model, the personal ones marked", () => {
    const variables = datasetModel(questionnaire).byName;
    for (const id of ["cite_name", "cite_org", "email_invite", "lessons_seen"]) expect(variables.has(id), id).toBe(true);
    expect(variables.get("cite_name")!.question.personal).toBe(true);
    expect(variables.get("email_invite")!.question.personal).toBe(true);
  });
});
