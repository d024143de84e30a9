/**
 * Helpers shared by the translators' tools (check, pseudo-locale, CSV round trip):
 * flat keys, placeholders and plural forms, the way i18next v23 reads them.
 * Pure: nothing here reads files.
 */

/** A locale file's content: nested objects whose leaves are texts. */
export type Tree = { [key: string]: unknown };
/** language -> namespace -> tree, as `loadResources` returns it. */
export type Locales = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const keySeparator = ".";

/** Flattens nested JSON into dotted keys, in document order; leaves keep their value. */
export function flatten(tree: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, path: string) => {
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}${keySeparator}${k}` : k);
    } else if (path) {
      out.set(path, node);
    }
  };
  walk(tree, prefix);
  return out;
}

/** The inverse of `flatten`: builds nested objects, in the order given. */
export function unflatten(entries: Iterable<readonly [string, unknown]>): Tree {
  const root: Tree = {};
  for (const [key, value] of entries) {
    const parts = key.split(keySeparator);
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === null || typeof next !== "object" || Array.isArray(next)) node[part] = {};
      node = node[part] as Tree;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return root;
}

/** 2-space JSON with a trailing newline: the format of every file in locales/. */
export function formatLocaleFile(tree: unknown): string {
  return `${JSON.stringify(tree, null, 2)}\n`;
}

// --- Placeholders -------------------------------------------------------------

/** `{{name}}` (with i18next's formats and `-` for unescaped) and nesting `$t(key)`: kept as they are. */
export const placeholderPattern = /\{\{[^{}]*\}\}|\$t\([^()]*\)/g;

function normalise(token: string): string {
  return token.replace(/\s+/g, "");
}

/** The placeholders of a text, each once, spaces removed (`{{ n }}` is `{{n}}`), sorted. */
export function placeholdersOf(text: string): string[] {
  return [...new Set((text.match(placeholderPattern) ?? []).map(normalise))].sort();
}

/** The `{{` or `}}` left over once the real placeholders are taken out: a broken placeholder. */
export function hasBrokenBraces(text: string): boolean {
  const rest = text.replace(placeholderPattern, "");
  return rest.includes("{{") || rest.includes("}}");
}

/** The variable of a placeholder: `{{count, number}}` -> `count`, `{{- name}}` -> `name`. */
export function placeholderVariable(token: string): string {
  return token
    .replace(/^\{\{-?/, "")
    .replace(/\}\}$/, "")
    .split(",")[0]!
    .trim();
}

export interface PlaceholderCheck {
  /** Placeholders of the English text the translation does not have. */
  missing: string[];
  /** Placeholders of the translation English does not have: they would show as typed. */
  unknown: string[];
  broken: boolean;
}

/**
 * Compares a translation's placeholders with English. For a plural form, `{{count}}` may be
 * left out (Spanish "una opción" for one) and may be added (i18next always passes it); the
 * other placeholders of the English form must be there, and only placeholders that some
 * English form of that key has may be used.
 */
export function checkPlaceholders(
  english: string,
  translation: string,
  plural?: { allEnglishForms: readonly string[] },
): PlaceholderCheck {
  const theirs = placeholdersOf(translation);
  const ours = placeholdersOf(english);
  const isCount = (p: string) => plural !== undefined && placeholderVariable(p) === "count";
  const allowed = new Set(plural ? plural.allEnglishForms.flatMap(placeholdersOf) : ours);
  return {
    missing: ours.filter((p) => !isCount(p) && !theirs.includes(p)),
    unknown: theirs.filter((p) => !isCount(p) && !allowed.has(p)),
    broken: hasBrokenBraces(translation),
  };
}

export function placeholdersOk(check: PlaceholderCheck): boolean {
  return check.missing.length === 0 && check.unknown.length === 0 && !check.broken;
}

/** The problem in plain words, or undefined when the placeholders are right. */
export function describePlaceholderProblem(check: PlaceholderCheck): string | undefined {
  const parts: string[] = [];
  if (check.missing.length)
    parts.push(
      `the placeholder${check.missing.length > 1 ? "s" : ""} ${check.missing.join(", ")} of the English text ${check.missing.length > 1 ? "are" : "is"} missing`,
    );
  if (check.unknown.length)
    parts.push(
      `${check.unknown.join(", ")} ${check.unknown.length > 1 ? "are" : "is"} not a placeholder of the English text (a changed or translated name?)`,
    );
  if (check.broken) parts.push("a placeholder is broken: each must be written {{name}}, with two braces on each side");
  return parts.length ? `${parts.join("; ")}.` : undefined;
}

// --- Plural forms ---------------------------------------------------------------

/** The plural categories, in the order i18next lists them. */
export const pluralCategoryOrder = ["zero", "one", "two", "few", "many", "other"] as const;
const pluralSuffix = new RegExp(`^(.+)_(${pluralCategoryOrder.join("|")})$`);

/** `errors.minChoices_one` -> { base: "errors.minChoices", category: "one" }. */
export function splitPluralKey(key: string): { base: string; category: string } | undefined {
  const m = pluralSuffix.exec(key);
  return m ? { base: m[1]!, category: m[2]! } : undefined;
}

/**
 * The plural forms a language needs, as i18next v23 picks them: with `Intl.PluralRules`
 * (English: one, other; Spanish: one, many, other), in i18next's order.
 */
export function pluralCategoriesOf(language: string): string[] {
  let categories: string[];
  try {
    categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories];
  } catch {
    categories = ["one", "other"];
  }
  const rank = (c: string) => pluralCategoryOrder.indexOf(c as (typeof pluralCategoryOrder)[number]);
  return categories.sort((a, b) => rank(a) - rank(b));
}

/** The language's name in English ("Spanish"), for messages; the code when unknown. */
export function languageName(language: string): string {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language" }).of(language);
    return name && name !== language ? name : language;
  } catch {
    return language;
  }
}

/** One text a language should have, and the English text it translates. */
export interface ExpectedKey {
  key: string;
  /** The English key whose text this translates (`x_other` for Spanish `x_many`). */
  englishKey: string;
  plural?: { base: string; category: string; englishForms: string[] };
}

/** The plural bases of an English namespace: bases with at least one `_category` form. */
export function pluralBases(englishFlat: ReadonlyMap<string, unknown>): Map<string, string[]> {
  const bases = new Map<string, string[]>();
  for (const key of englishFlat.keys()) {
    const split = splitPluralKey(key);
    if (!split) continue;
    const forms = bases.get(split.base) ?? [];
    forms.push(split.category);
    bases.set(split.base, forms);
  }
  return bases;
}

/**
 * Every text a language needs in a namespace, in the English file's order: the English keys,
 * with each plural key expanded to the forms that language needs (Spanish `_one`, `_many`,
 * `_other` where English has `_one`, `_other`).
 */
export function expectedKeys(englishFlat: ReadonlyMap<string, unknown>, language: string): ExpectedKey[] {
  const bases = pluralBases(englishFlat);
  const categories = pluralCategoriesOf(language);
  const out: ExpectedKey[] = [];
  const done = new Set<string>();
  for (const key of englishFlat.keys()) {
    const split = splitPluralKey(key);
    if (!split) {
      out.push({ key, englishKey: key });
      continue;
    }
    if (done.has(split.base)) continue;
    done.add(split.base);
    const englishForms = bases.get(split.base)!;
    for (const category of categories) {
      const englishCategory = englishForms.includes(category)
        ? category
        : englishForms.includes("other")
          ? "other"
          : englishForms[0]!;
      out.push({
        key: `${split.base}_${category}`,
        englishKey: `${split.base}_${englishCategory}`,
        plural: { base: split.base, category, englishForms: englishForms.map((c) => `${split.base}_${c}`) },
      });
    }
  }
  return out;
}

// --- What a text must not hold ---------------------------------------------------

/** HTML tags (`<b>`, `</b>`, `<br/>`, Trans's `<1>`) and entities (`&nbsp;`, `&#160;`). */
const markupPattern = /<\/?[A-Za-z0-9][\w-]*(?:\s[^<>]*)?\/?>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);/g;

/** The markup in a text, each piece once: React shows it as typed, tags and all. */
export function markupOf(text: string): string[] {
  return [...new Set(text.match(markupPattern) ?? [])];
}

/** Placeholders written with spaces inside the braces (`{{ n }}`), which locales/README.md forbids. */
export function spacedPlaceholdersOf(text: string): string[] {
  return [...new Set((text.match(placeholderPattern) ?? []).filter((p) => p.startsWith("{{") && /^\{\{-?\s|\s\}\}$/.test(p)))];
}

/**
 * The numbers a language's plural form stands for, from `Intl.PluralRules` (English "one": 1;
 * Russian "one": 1, 21, 31…). A form that stands for more than one number must show
 * `{{count}}`, or people cannot tell which; only a form for a single number ("one" in
 * English, "two" in Arabic) may spell it out as a word.
 */
export function numbersOfPluralForm(language: string, category: string): number[] {
  let rules: Intl.PluralRules;
  try {
    rules = new Intl.PluralRules(language);
  } catch {
    rules = new Intl.PluralRules("en");
  }
  const sample = [...Array.from({ length: 201 }, (_, n) => n), 1000, 1_000_000, 2_000_000];
  return sample.filter((n) => rules.select(n) === category);
}
