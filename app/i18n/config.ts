/** The language every text falls back to, and the one a missing translation shows. */
export const fallbackLanguage = "en";
/** Namespace of the app's own texts (buttons, messages); each questionnaire has its own. */
export const commonNamespace = "common";
export const languageCookieName = "lng";

/** The languages offered when `LANGUAGES` is not set. */
export const defaultEnabledLanguages = "en,es";

const languageCode = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Whether a folder name of locales/ is a language code ("fr", "pt-BR"). */
export function isLanguageCode(name: string): boolean {
  return languageCode.test(name);
}

/**
 * The languages a deployment offers, from a setting such as `en,es,fr`: English always and first
 * (every text falls back to it), then the others in the order given, each once.
 */
export function parseEnabledLanguages(setting: string): string[] {
  const named = setting
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  const wrong = named.filter((l) => !isLanguageCode(l));
  if (wrong.length) {
    throw new Error(
      `LANGUAGES: ${wrong.join(", ")} is not a language code; write codes such as en,es,fr or pt-BR, separated by commas`,
    );
  }
  return [...new Set([fallbackLanguage, ...named])];
}

/**
 * Enabled languages that have a folder, and the folders that are not enabled. An enabled language
 * without a folder is a configuration error, said at start rather than shown as English.
 */
export function splitLanguages(
  enabled: readonly string[],
  folders: readonly string[],
): { enabled: string[]; available: string[] } {
  const missing = enabled.filter((l) => !folders.includes(l));
  if (missing.length) {
    throw new Error(
      `LANGUAGES enables ${missing.join(", ")}, but the locales folder has no ${missing.map((l) => `${l}/`).join(", ")} folder`,
    );
  }
  return { enabled: [...enabled], available: folders.filter((l) => !enabled.includes(l)).sort() };
}
