import { loadQuestionnaire } from "~/engine/check";
import type { Questionnaire } from "~/engine/definition";
import { resources, supportedLanguages } from "~/i18n/i18next.server";
import demo from "./demo";
import preRegm from "./pre-regm";

/** Every questionnaire this deployment serves, checked at start: a broken one stops the app. */
const definitions: unknown[] = [preRegm, ...(process.env.ENABLE_DEMO === "1" ? [demo] : [])];

function localesOf(id: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resources).map(([language, namespaces]) => [language, namespaces[id]]));
}

const questionnaires = new Map<string, Questionnaire>();
for (const raw of definitions) {
  const id = String((raw as { id?: unknown }).id);
  // The definition's languages must be complete at start; the deployment offers it in every enabled
  // language (a text a language lacks shows in English, and npm run i18n:check says so).
  questionnaires.set(id, { ...loadQuestionnaire(raw, localesOf(id)), languages: supportedLanguages });
}

export const defaultQuestionnaireId = process.env.DEFAULT_QUESTIONNAIRE ?? "pre-regm";

export function getQuestionnaire(id: string): Questionnaire | undefined {
  return questionnaires.get(id);
}

export function questionnaireIds(): string[] {
  return [...questionnaires.keys()];
}
