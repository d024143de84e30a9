import path from "node:path";
import fs from "node:fs";
import { findDefinitionFaults } from "~/engine/check";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";

/**
 * Every fault of one definition file, one line each with where it is: zod's issues with their JSON path
 * (`sections[1].questions[0].type`), then the checker's findings (which name the question or list).
 * Wording is looked up in `<localesDir>/<language>/<id>.json`.
 */
export function lintDefinition(raw: unknown, localesDir: string): string[] {
  const parsed = questionnaireSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const locales = Object.fromEntries(
    parsed.data.languages.map((language) => {
      const file = path.join(localesDir, language, `${parsed.data.id}.json`);
      return [language, fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as unknown) : {}];
    }),
  );
  const places = placesOf(parsed.data);
  return findDefinitionFaults(parsed.data, locales).map((fault) => {
    // The checker names what it faults (question "x", list "y"); the first name mentioned is where to look.
    const named = /(question|section|list) "([^"]+)"/.exec(fault);
    const place = named && places.get(`${named[1]} ${named[2]}`);
    return `${place ?? "$"}: ${fault}`;
  });
}

/** `question x` / `section x` / `list x` -> its JSON path. */
function placesOf(questionnaire: Questionnaire): Map<string, string> {
  const places = new Map<string, string>();
  for (const listId of Object.keys(questionnaire.lists)) places.set(`list ${listId}`, `$.lists.${listId}`);
  questionnaire.sections.forEach((section, s) => {
    places.set(`section ${section.id}`, `$.sections[${s}]`);
    section.questions.forEach((q, i) => {
      if (!places.has(`question ${q.id}`)) places.set(`question ${q.id}`, `$.sections[${s}].questions[${i}]`);
    });
  });
  return places;
}

function jsonPath(parts: ReadonlyArray<PropertyKey>): string {
  return parts.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : `${out}.${String(p)}`), "$");
}
