/** The language every text falls back to, and the one a missing translation shows. */
export const fallbackLanguage = "en";
/** Namespace of the app's own texts (buttons, messages); each questionnaire has its own. */
export const commonNamespace = "common";
export const languageCookieName = "lng";
