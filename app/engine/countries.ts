import countries from "i18n-iso-countries";

/** ISO 3166-1 alpha-2 codes, from a maintained list rather than one typed here. */
export const countryCodes: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

const namesByLanguage = new Map<string, Map<string, string>>();

/** A country's name in the respondent's language, from the CLDR data that ships with Node (looked up once). */
export function countryName(code: string, language: string): string {
  let names = namesByLanguage.get(language);
  if (!names) {
    const display = new Intl.DisplayNames([language, "en"], { type: "region", fallback: "code" });
    names = new Map([...countryCodes].map((c) => [c, display.of(c) ?? c]));
    namesByLanguage.set(language, names);
  }
  return names.get(code) ?? code;
}

const sortedByName = new Map<string, string[]>();

/** Every code, sorted by its name in a language: computed once per language. */
function codesByName(language: string): string[] {
  let sorted = sortedByName.get(language);
  if (!sorted) {
    const collator = new Intl.Collator(language);
    sorted = [...countryCodes]
      .map((code) => ({ code, name: countryName(code, language) }))
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((c) => c.code);
    sortedByName.set(language, sorted);
  }
  return sorted;
}

/** The codes to offer: the priority ones first, in their order, then the rest by name. */
export function countryOptions(language: string, priority: readonly string[] = []): { priority: string[]; rest: string[] } {
  const first = new Set(priority);
  return { priority: [...priority], rest: codesByName(language).filter((c) => !first.has(c)) };
}
