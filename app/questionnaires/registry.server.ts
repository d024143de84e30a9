import type { Questionnaire } from "~/engine/definition";
import { resources, supportedLanguages } from "~/i18n/i18next.server";
import { releasedDefinitions } from "./definitions";
import { loadDefinitions, pickVersion } from "./load-definitions";

/** Every questionnaire version this deployment serves, checked at start: a broken one stops the app. */
const served = Object.fromEntries(
  Object.entries(releasedDefinitions).filter(([file]) => process.env.ENABLE_DEMO === "1" || !file.startsWith("demo/")),
);

function localesOf(id: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resources).map(([language, namespaces]) => [language, namespaces[id]]));
}

const versions = loadDefinitions(served, localesOf);
// The definition's languages must be complete at start; the deployment offers it in every enabled
// language (a text a language lacks shows in English, and npm run i18n:check says so).
for (const byVersion of versions.values())
  for (const [version, q] of byVersion) byVersion.set(version, { ...q, languages: supportedLanguages });

export const defaultQuestionnaireId = process.env.DEFAULT_QUESTIONNAIRE ?? "pre-regm";

/** The latest version of a questionnaire, or the one a response was answered in. */
export function getQuestionnaire(id: string, version?: number): Questionnaire | undefined {
  return pickVersion(versions, id, version);
}

export function questionnaireIds(): string[] {
  return [...versions.keys()];
}

/** Every served version of every questionnaire, by id then version: what a consultation may ask. */
export function servedVersions(): Array<{ id: string; version: number }> {
  return [...versions].flatMap(([id, byVersion]) =>
    [...byVersion.keys()].sort((a, b) => a - b).map((version) => ({ id, version })),
  );
}
