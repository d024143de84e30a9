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
    instance = rememberingPlainLookups(root.cloneInstance({ lng: language, initImmediate: false }));
    perLanguage.set(language, instance);
  }
  return instance;
}

/** Options of a lookup that only say where to look (what react-i18next's and our fixed `t` pass). */
const WHERE_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);
/** Bound on the texts kept per language: the keys come from the code and definitions, so far fewer occur. */
const LOOKUPS_KEPT = 50_000;

/**
 * The instance, with its `t` keeping the text of each plain lookup (a key, without values to put in
 * or plural counts): a page asks for the same few hundred labels on every request, and i18next
 * resolves each one again (namespaces, fallbacks, nesting) each time. The resources never change
 * while the process runs, so a text found once stays right.
 */
function rememberingPlainLookups(instance: i18n): i18n {
  const translate = instance.t.bind(instance) as (key: unknown, options?: unknown) => unknown;
  const found = new Map<string, unknown>();
  const lookup = (key: unknown, options?: unknown): unknown => {
    if (typeof key !== "string" || (options !== undefined && (typeof options !== "object" || options === null)))
      return translate(key, options);
    const where = (options ?? {}) as Record<string, unknown>;
    for (const name in where) if (!WHERE_OPTIONS.has(name) && where[name] !== undefined) return translate(key, options);
    const ns = where.ns;
    const cacheKey = [
      where.lng ?? "",
      Array.isArray(where.lngs) ? where.lngs.join(",") : (where.lngs ?? ""),
      Array.isArray(ns) ? ns.join(",") : (ns ?? ""),
      where.keyPrefix ?? "",
      key,
    ].join("\u0000");
    if (found.has(cacheKey)) return found.get(cacheKey);
    const text = translate(key, options);
    if (found.size < LOOKUPS_KEPT) found.set(cacheKey, text);
    return text;
  };
  instance.t = lookup as i18n["t"];
  return instance;
}

// One translate function per language and namespace, made once: the same function every time
// (what is derived with it, such as a form's schema, can then be kept per function).
const fixedTs = new Map<string, TFunction>();

export function fixedT(language: string, namespace: string = commonNamespace): TFunction {
  const key = `${language}\u0000${namespace}`;
  let t = fixedTs.get(key);
  if (!t) {
    t = i18nFor(language).getFixedT(language, namespace);
    fixedTs.set(key, t);
  }
  return t;
}

/**
 * Languages found, by what they are found from (?lng=, the Cookie and Accept-Language headers): a page
 * asks several times (root, route, document), with requests Remix copies, and parsing Accept-Language
 * is the costly part. Bounded; a miss only costs the detection again.
 */
const detected = new Map<string, Promise<string>>();
const DETECTIONS_KEPT = 1000;

/** The request's language among the enabled ones, or among fewer (a consultation's): never one not offered. */
export function languageOf(request: Request, offered: readonly string[] = supportedLanguages): Promise<string> {
  const { headers } = request;
  const query = request.url.includes("?") ? (new URL(request.url).searchParams.get("lng") ?? "") : "";
  const key = `${offered.join(",")}\n${query}\n${headers.get("Cookie") ?? ""}\n${headers.get("Accept-Language") ?? ""}`;
  let language = detected.get(key);
  if (!language) {
    language = detectorFor(offered)
      .detect(request)
      .then((found) => (offered.includes(found) ? found : (offered[0] ?? fallbackLanguage)));
    if (detected.size >= DETECTIONS_KEPT) detected.delete(detected.keys().next().value!);
    detected.set(key, language);
    language.catch(() => detected.delete(key));
  }
  return language;
}
