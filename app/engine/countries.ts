import { M49_REGION_NAMES, M49_ROWS, type M49Status } from "./data/m49";

/** Languages whose UN names the data holds; any other reads the CLDR names that ship with Node. */
type NameLanguage = "en" | "es";

export interface Country {
  /** ISO 3166-1 alpha-2: the code stored in answers, so it never changes. */
  code: string;
  alpha3: string;
  /** UN M49 numeric code; empty for codes the M49 does not list. */
  m49: string;
  names: Readonly<Record<NameLanguage, string>>;
  status: M49Status;
  region: string;
  subRegion: string;
  intermediateRegion: string;
}

const fromM49: Country[] = M49_ROWS.map(([code, alpha3, m49, en, es, status, region, subRegion, intermediateRegion]) => ({
  code,
  alpha3,
  m49,
  names: { en, es },
  status,
  region,
  subRegion,
  intermediateRegion,
}));

/**
 * Codes the CLDR-based list offered before the UN names (answers may hold them) that the M49
 * does not list separately. They stay valid and readable in earlier answers, named as the UN
 * refers to them, but are no longer offered.
 */
const earlierCodes: Country[] = [
  {
    code: "TW",
    alpha3: "TWN",
    m49: "",
    names: { en: "Taiwan Province of China", es: "Taiwán, provincia de China" },
    status: "a",
    region: "",
    subRegion: "",
    intermediateRegion: "",
  },
  {
    code: "XK",
    alpha3: "XKX",
    m49: "",
    names: {
      en: "Kosovo (under Security Council resolution 1244 (1999))",
      es: "Kosovo (en virtud de la resolución 1244 (1999) del Consejo de Seguridad)",
    },
    status: "a",
    region: "",
    subRegion: "",
    intermediateRegion: "",
  },
];

const byCode = new Map([...fromM49, ...earlierCodes].map((c) => [c.code, c]));

/** Every code an answer may hold: the M49 countries and areas, and the earlier ones kept valid. */
export const countryCodes: ReadonlySet<string> = new Set(byCode.keys());

/** The codes offered to respondents: the M49 list. */
const offeredCodes = fromM49.map((c) => c.code);

export function country(code: string): Country | undefined {
  return byCode.get(code);
}

const dataLanguage = (language: string): NameLanguage | undefined => {
  const base = language.split("-")[0];
  return base === "en" || base === "es" ? base : undefined;
};
const nameLanguage = (language: string): NameLanguage => dataLanguage(language) ?? "en";

const cldrNames = new Map<string, Intl.DisplayNames>();
/** A language the UN data lacks (a translation added later): CLDR's name, better than an English one. */
function cldrName(code: string, language: string): string | undefined {
  let display = cldrNames.get(language);
  if (!display) {
    display = new Intl.DisplayNames([language, "en"], { type: "region", fallback: "none" });
    cldrNames.set(language, display);
  }
  return display.of(code);
}

/** A country's UN short name in the respondent's language (CLDR's for a language the data lacks). */
export function countryName(code: string, language: string): string {
  const country = byCode.get(code);
  if (!country) return code;
  const inData = dataLanguage(language);
  return inData ? country.names[inData] : (cldrName(code, language) ?? country.names.en);
}

/** An M49 region, sub-region or intermediate region's name. */
export function regionName(m49: string, language: string): string {
  return M49_REGION_NAMES[m49]?.[nameLanguage(language)] ?? m49;
}

/** The codes of the countries and areas in an M49 region, sub-region or intermediate region. */
export function codesInRegion(m49: string, status?: M49Status): string[] {
  return fromM49
    .filter((c) => [c.region, c.subRegion, c.intermediateRegion].includes(m49) && (!status || c.status === status))
    .map((c) => c.code);
}

const sortedByName = new Map<string, string[]>();

/** Every offered code, sorted by its name in a language: computed once per language. */
function codesByName(language: string): string[] {
  let sorted = sortedByName.get(language);
  if (!sorted) {
    const collator = new Intl.Collator(language);
    sorted = offeredCodes
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

const folded = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en").replace(/\s+/g, " ").trim();

const codeByName = new Map<string, string>(
  [...byCode.values()].flatMap((c) => Object.values(c.names).map((name) => [folded(name), c.code] as const)),
);

/**
 * The code a country field's text stands for: a code itself, or a name it was offered under
 * (what a text field with the page's shared list of names sends), ignoring case and accents:
 * the UN names, and CLDR's in the languages pages were shown in.
 */
export function countryCodeOf(text: string): string | undefined {
  const trimmed = text.trim();
  if (countryCodes.has(trimmed.toUpperCase()) && trimmed.length === 2) return trimmed.toUpperCase();
  const key = folded(trimmed);
  const found = codeByName.get(key);
  if (found) return found;
  for (const language of cldrNames.keys()) {
    const code = offeredCodes.find((c) => folded(cldrName(c, language) ?? "") === key);
    if (code) return code;
  }
  return undefined;
}
