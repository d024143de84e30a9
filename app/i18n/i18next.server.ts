import i18next, { type i18n, type TFunction } from "i18next";
import { createCookie } from "@remix-run/node";
import { env } from "~/utils/env.server";
import { LanguageDetector } from "remix-i18next/server";
import { commonNamespace, fallbackLanguage, languageCookieName, splitLanguages } from "./config";
import { loadResources } from "./resources.server";

export const resources = loadResources();

const languages = splitLanguages(env.LANGUAGES, Object.keys(resources));
/**
 * The languages offered (switcher, ?lng=, Accept-Language, invitations, exports): those `LANGUAGES`
 * enables, English first. A folder of locales/ that is not enabled is never offered.
 */
export const supportedLanguages: string[] = languages.enabled;
/** Folders of locales/ not enabled: translations in progress, shown on the translators' page only. */
export const availableLanguages: string[] = languages.available;

export const languageCookie = createCookie(languageCookieName, {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: env.secureCookies,
  maxAge: 60 * 60 * 24 * 365,
});

/** Finds the language among those offered: `?lng=`, then the cookie, then Accept-Language, else the first offered. */
const detectors = new Map<string, LanguageDetector>();
function detectorFor(offered: readonly string[]): LanguageDetector {
  const key = offered.join(",");
  let detector = detectors.get(key);
  if (!detector) {
    detector = new LanguageDetector({
      supportedLanguages: [...offered],
      fallbackLanguage: offered[0] ?? fallbackLanguage,
      searchParamKey: "lng",
      cookie: languageCookie,
      order: ["searchParams", "cookie", "header"],
    });
    detectors.set(key, detector);
  }
  return detector;
}

const root = i18next.createInstance();
await root.init({
  resources,
  fallbackLng: fallbackLanguage,
  supportedLngs: supportedLanguages,
  defaultNS: commonNamespace,
  ns: [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))],
  interpolation: { escapeValue: false }, // React escapes.
  returnNull: false,
  initImmediate: false,
});

// One instance per language, made once: creating them per request is costly.
const perLanguage = new Map<string, i18n>();

export function i18nFor(language: string): i18n {
  let instance = perLanguage.get(language);
  if (!instance) {
    instance = root.cloneInstance({ lng: language, initImmediate: false });
    perLanguage.set(language, instance);
  }
  return instance;
}

export function fixedT(language: string, namespace: string = commonNamespace): TFunction {
  return i18nFor(language).getFixedT(language, namespace);
}

/** The request's language among the enabled ones, or among fewer (a consultation's): never one not offered. */
export async function languageOf(request: Request, offered: readonly string[] = supportedLanguages): Promise<string> {
  const detected = await detectorFor(offered).detect(request);
  return offered.includes(detected) ? detected : (offered[0] ?? fallbackLanguage);
}
