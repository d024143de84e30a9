import countries from "i18n-iso-countries";

/** ISO 3166-1 alpha-2 codes, from a maintained list rather than one typed here. */
export const countryCodes: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

const displayNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the respondent's language, from the CLDR data that ships with Node. */
export function countryName(code: string, language: string): string {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language, "en"], { type: "region", fallback: "code" });
    displayNames.set(language, names);
  }
  return names.of(code) ?? code;
}

/** The codes to offer: the priority ones first, in their order, then the rest by name. */
export function countryOptions(
  language: string,
  priority: readonly string[] = [],
): { priority: string[]; rest: string[] } {
  const first = new Set(priority);
  const collator = new Intl.Collator(language);
  const rest = [...countryCodes]
    .filter((c) => !first.has(c))
    .sort((a, b) => collator.compare(countryName(a, language), countryName(b, language)));
  return { priority: [...priority], rest };
}
