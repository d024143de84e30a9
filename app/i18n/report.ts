import {
  checkPlaceholders,
  describePlaceholderProblem,
  expectedKeys,
  flatten,
  hasBrokenBraces,
  languageName,
  markupOf,
  numbersOfPluralForm,
  placeholderVariable,
  placeholdersOf,
  pluralBases,
  pluralCategoriesOf,
  spacedPlaceholdersOf,
  splitPluralKey,
  type ExpectedKey,
  type Locales,
} from "./locale-tree";
import { anyNamespace } from "./any-namespace";
import type { JsonProblem } from "./json-errors";
import { noLocaleMeta, type LocaleMeta } from "./locale-meta";
import type { KeyReference, Usage } from "./usage";

/**
 * The translators' report: for every language folder, what is missing, empty or broken,
 * compared with English; and which keys the code or the questionnaires use but English
 * lacks, or English has but nothing uses. Pure: the caller reads the files (see
 * scripts/i18n-check.ts).
 */

export type ProblemKind =
  /** In English, absent from the language. */
  | "missing"
  /** Present but empty: i18next shows English instead. */
  | "empty"
  /** A placeholder lost, renamed or broken. */
  | "placeholder"
  /** `{{ n }}`: spaces inside the braces. */
  | "placeholderSpaces"
  /** HTML in a text not declared to allow it: people would see the tags. */
  | "markup"
  /** A plural form for several numbers that does not show `{{count}}`. */
  | "pluralCount"
  /** Longer than the length declared in `_meta.json`. */
  | "tooLong"
  /** Identical to English, and not declared a name or code that stays so. */
  | "sameAsEnglish"
  /** The file is not valid JSON: none of its texts can be read. */
  | "invalidJson"
  /** A plural form the language needs is absent. */
  | "plural"
  /** A number, list or group where a text should be. */
  | "notText"
  /** Not in English: nothing shows it. */
  | "extra"
  /** Used by the code or a questionnaire, absent from English. */
  | "usedButAbsent"
  /** A string in the code that looks like a key of an existing group but is absent. */
  | "mentionedButAbsent"
  /** In English, used by nothing (see the heuristics in usage.ts). */
  | "unused";

export interface Problem {
  language: string;
  namespace: string;
  /** `locales/es/common.json` */
  file: string;
  key: string;
  /** The English text the key translates, when English has one. */
  english: string | undefined;
  kind: ProblemKind;
  /** The problem in plain words. */
  message: string;
  /** Makes the check fail (only for the strict languages, English and Spanish). */
  blocking: boolean;
  /** Where in the file, for a file that is not valid JSON (its `key` says it in English). */
  position?: { line: number; column: number };
}

export interface Completion {
  /** Texts the language needs (plural forms counted one by one). */
  expected: number;
  /** Of those, present, not empty, with the right placeholders. */
  done: number;
  /** Rounded down: 100 means complete. */
  percent: number;
}

export interface LanguageSummary extends Completion {
  language: string;
  name: string;
  strict: boolean;
  namespaces: ({ namespace: string } & Completion)[];
}

export interface Report {
  problems: Problem[];
  languages: LanguageSummary[];
  /** False when a strict language has a blocking problem. */
  ok: boolean;
}

export interface ReportInput {
  /** language -> namespace -> nested JSON, as `loadResources` returns it. */
  resources: Locales;
  /** Default "en": the reference every language is compared with. */
  fallbackLanguage?: string;
  /** Languages whose problems fail the check. Default: English and Spanish. */
  strictLanguages?: readonly string[];
  /** Keys used by the code and the questionnaires; without it, no used/unused check. */
  usage?: Usage;
  /** How files are named in the report. Default "locales". */
  localesPath?: string;
  /** The declarations of `locales/_meta.json` (markup allowed, same as English, length limits). */
  meta?: LocaleMeta;
  /** Files that are not valid JSON (see `readResources`): reported, their namespace left out. */
  brokenFiles?: readonly ({ language: string; namespace: string } & JsonProblem)[];
}

/** The key of a "missing" problem about a whole file that the language does not have. */
export const wholeFileKey = "(whole file)";

/** Kinds that make a strict language fail; the others are for information. */
export const blockingKinds: ReadonlySet<ProblemKind> = new Set<ProblemKind>([
  "missing",
  "empty",
  "placeholder",
  "placeholderSpaces",
  "markup",
  "pluralCount",
  "tooLong",
  "plural",
  "notText",
  "usedButAbsent",
  "invalidJson",
]);

function completion(expected: number, done: number): Completion {
  return { expected, done, percent: expected === 0 ? 100 : Math.floor((done / expected) * 100) };
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "a group of texts" : `a ${typeof value}`;
}

function orderLanguages(languages: string[], fallback: string, strict: readonly string[]): string[] {
  const rank = (l: string) => (l === fallback ? 0 : strict.includes(l) ? 1 + strict.indexOf(l) : 100);
  return [...languages].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A text of the English namespace, or undefined. */
function textOf(flat: ReadonlyMap<string, unknown>, key: string): string | undefined {
  const v = flat.get(key);
  return typeof v === "string" ? v : undefined;
}

export function buildReport(input: ReportInput): Report {
  const fallback = input.fallbackLanguage ?? "en";
  const strict = input.strictLanguages ?? ["en", "es"];
  const localesPath = input.localesPath ?? "locales";
  const resources = input.resources;
  const english = resources[fallback] ?? {};
  const englishFlat = new Map(Object.entries(english).map(([ns, tree]) => [ns, flatten(tree)]));
  const fileOf = (language: string, namespace: string) => `${localesPath}/${language}/${namespace}.json`;
  const problems: Problem[] = [];
  const add = (p: Omit<Problem, "blocking" | "file"> & { file?: string }) =>
    problems.push({
      ...p,
      file: p.file ?? fileOf(p.language, p.namespace),
      blocking: strict.includes(p.language) && blockingKinds.has(p.kind),
    });

  const meta = input.meta ?? noLocaleMeta;
  const broken = new Set((input.brokenFiles ?? []).map((b) => `${b.language}\u0000${b.namespace}`));
  for (const b of input.brokenFiles ?? []) {
    add({
      language: b.language,
      namespace: b.namespace,
      key: `line ${b.line}, column ${b.column}`,
      english: undefined,
      kind: "invalidJson",
      position: { line: b.line, column: b.column },
      message: `not valid JSON (${b.message}), so none of its texts can be read.${b.hint ? ` ${b.hint}` : ""}`,
    });
  }

  const languages = orderLanguages(
    [...new Set([...Object.keys(resources), ...(input.brokenFiles ?? []).map((b) => b.language)])],
    fallback,
    strict,
  );
  const summaries: LanguageSummary[] = [];

  for (const language of languages) {
    const name = languageName(language);
    const own = resources[language] ?? {};
    const brokenHere = (input.brokenFiles ?? []).filter((b) => b.language === language).map((b) => b.namespace);
    const namespaces = [...new Set([...Object.keys(english), ...Object.keys(own), ...brokenHere])].sort();
    const perNamespace: LanguageSummary["namespaces"] = [];
    for (const namespace of namespaces) {
      const enFlat = englishFlat.get(namespace);
      // Its problems are unknown until it reads: the "not valid JSON" line says what to mend.
      if (broken.has(`${language}\u0000${namespace}`) || broken.has(`${fallback}\u0000${namespace}`)) {
        if (enFlat) perNamespace.push({ namespace, ...completion(expectedKeys(enFlat, language).length, 0) });
        continue;
      }
      if (!enFlat) {
        // A file English does not have: nothing shows it.
        for (const key of flatten(own[namespace]).keys()) {
          add({
            language,
            namespace,
            key,
            english: undefined,
            kind: "extra",
            message: `not in English (there is no ${fileOf(fallback, namespace)}): nothing shows it.`,
          });
        }
        continue;
      }
      const expected = expectedKeys(enFlat, language);
      if (own[namespace] === undefined) {
        add({
          language,
          namespace,
          key: wholeFileKey,
          english: undefined,
          kind: "missing",
          message: `the file is missing: all ${expected.length} texts of ${fileOf(fallback, namespace)} are to translate; until then English shows.`,
        });
        perNamespace.push({ namespace, ...completion(expected.length, 0) });
        continue;
      }
      const flat = flatten(own[namespace]);
      const context = { language, name, isFallback: language === fallback, namespace, expected, enFlat, flat, add, meta };
      perNamespace.push({ namespace, ...completion(expected.length, checkNamespace(context)) });
      reportExtras(context);
    }
    const total = perNamespace.reduce((s, n) => s + n.expected, 0);
    const done = perNamespace.reduce((s, n) => s + n.done, 0);
    summaries.push({ language, name, strict: strict.includes(language), ...completion(total, done), namespaces: perNamespace });
  }

  if (input.usage) checkUsage(input.usage, englishFlat, fallback, add);
  // With an English file unreadable, what uses or translates it cannot be judged yet.
  const unreadableEnglish = new Set((input.brokenFiles ?? []).filter((b) => b.language === fallback).map((b) => b.namespace));
  if (unreadableEnglish.size) {
    const kept = problems.filter((p) => p.kind === "invalidJson" || !unreadableEnglish.has(p.namespace));
    problems.splice(0, problems.length, ...kept);
  }

  const langRank = new Map(languages.map((l, i) => [l, i]));
  problems.sort(
    (a, b) =>
      (langRank.get(a.language) ?? 0) - (langRank.get(b.language) ?? 0) ||
      a.namespace.localeCompare(b.namespace) ||
      Number(b.blocking) - Number(a.blocking),
  );
  return { problems, languages: summaries, ok: !problems.some((p) => p.blocking) };
}

type Add = (p: Omit<Problem, "blocking" | "file"> & { file?: string }) => void;

interface NamespaceContext {
  language: string;
  name: string;
  isFallback: boolean;
  namespace: string;
  expected: ExpectedKey[];
  enFlat: ReadonlyMap<string, unknown>;
  flat: ReadonlyMap<string, unknown>;
  add: Add;
  meta: LocaleMeta;
}

/** Reports missing, empty, broken texts and plural forms; returns how many texts are done. */
function checkNamespace({ language, name, isFallback, namespace, expected, enFlat, flat, add, meta }: NamespaceContext): number {
  let done = 0;
  const reportedBases = new Set<string>();
  const categories = pluralCategoriesOf(language);
  for (const e of expected) {
    const englishText = textOf(enFlat, e.englishKey);
    const value = flat.get(e.key);
    const base = { language, namespace, key: e.key, english: englishText };
    if (value === undefined) {
      if (!e.plural) {
        add({ ...base, kind: "missing", message: "missing: English shows instead." });
        continue;
      }
      const forms = categories.map((c) => `${e.plural!.base}_${c}`);
      const present = forms.filter((f) => flat.get(f) !== undefined);
      if (present.length === 0) {
        if (!reportedBases.has(e.plural.base)) {
          reportedBases.add(e.plural.base);
          add({
            ...base,
            key: e.plural.base,
            kind: "missing",
            message: `missing, with all its plural forms (${name} needs ${categories.map((c) => `_${c}`).join(", ")}): English shows instead.`,
          });
        }
        continue;
      }
      const why = isFallback
        ? `English itself needs it: without it i18next finds no text and shows the key.`
        : `${name} uses it for some numbers (${exampleFor(language, e.plural.category)}); without it i18next shows the English text for them.`;
      add({
        ...base,
        kind: "plural",
        message: `missing the plural form "${e.plural.category}" (${name} needs ${categories.join(", ")}). ${why}`,
      });
      continue;
    }
    if (typeof value !== "string") {
      add({ ...base, kind: "notText", message: `is ${describeValue(value)}, not a text.` });
      continue;
    }
    if (value.trim() === "") {
      add({ ...base, kind: "empty", message: "is empty: English shows instead." });
      continue;
    }
    if (!isFallback || hasBrokenBraces(value)) {
      const check = checkPlaceholders(
        englishText ?? "",
        value,
        e.plural ? { allEnglishForms: e.plural.englishForms.map((k) => textOf(enFlat, k) ?? "") } : undefined,
      );
      const problem = describePlaceholderProblem(check);
      if (problem) {
        add({ ...base, kind: "placeholder", message: `placeholder problem: ${problem}` });
        continue;
      }
    }
    const problem = textProblem({
      language,
      name,
      isFallback,
      namespace,
      key: e.key,
      englishText,
      value,
      plural: e.plural,
      enFlat,
      meta,
    });
    if (problem) {
      add({ ...base, ...problem });
      if (blockingKinds.has(problem.kind)) continue;
    }
    done += 1;
  }
  return done;
}

/**
 * What else may be wrong with a text that is present and has the right placeholders:
 * spaces in a placeholder, markup, a plural form hiding the number, too long, or left in English.
 */
function textProblem(t: {
  language: string;
  name: string;
  isFallback: boolean;
  namespace: string;
  key: string;
  englishText: string | undefined;
  value: string;
  plural: ExpectedKey["plural"];
  enFlat: ReadonlyMap<string, unknown>;
  meta: LocaleMeta;
}): { kind: ProblemKind; message: string } | undefined {
  const spaced = spacedPlaceholdersOf(t.value);
  if (spaced.length) {
    const fixed = spaced.map((p) => p.replace(/\s+/g, ""));
    return {
      kind: "placeholderSpaces",
      message: `write ${fixed.join(", ")} without spaces inside the braces (the text has ${spaced.join(", ")}).`,
    };
  }
  const markup = markupOf(t.value);
  if (markup.length && !t.meta.allowsMarkup(t.namespace, t.key)) {
    return {
      kind: "markup",
      message: `holds markup (${markup.join(" ")}), which people would see as typed: remove it. (Only a key listed in markupAllowed of _meta.json may carry markup, and only when the program renders it.)`,
    };
  }
  if (t.plural) {
    const englishForms = t.plural.englishForms.map((k) => textOf(t.enFlat, k) ?? "");
    const englishShowsCount = englishForms.some((f) => placeholdersOf(f).some((p) => placeholderVariable(p) === "count"));
    const numbers = numbersOfPluralForm(t.language, t.plural.category);
    const showsCount = placeholdersOf(t.value).some((p) => placeholderVariable(p) === "count");
    if (englishShowsCount && !showsCount && numbers.length > 1) {
      return {
        kind: "pluralCount",
        message: `does not show {{count}}, but ${t.name} uses the form "${t.plural.category}" for several numbers (${numbers
          .slice(0, 4)
          .map((n) => n.toLocaleString("en"))
          .join(", ")}…): people could not tell which. Add {{count}}.`,
      };
    }
  }
  const limit = t.meta.maxLength(t.namespace, t.key);
  if (limit !== undefined && [...t.value].length > limit) {
    return {
      kind: "tooLong",
      message: `is ${[...t.value].length} characters long; where it is shown there is room for ${limit}: shorten it.`,
    };
  }
  // A text without letters ("35", "1–5") has nothing to translate.
  const sameAsEnglish = !t.isFallback && t.value === t.englishText && /\p{L}/u.test(t.value);
  if (sameAsEnglish && !t.meta.allowsSameAsEnglish(t.language, t.namespace, t.key)) {
    return {
      kind: "sameAsEnglish",
      message: `is identical to English: translate it. If it is a name, a code or a word your language shares, add "${t.namespace}:${t.key}" to sameAsEnglish.${t.language} in _meta.json.`,
    };
  }
  return undefined;
}

/** A number that takes a plural form in a language, to make the message concrete. */
function exampleFor(language: string, category: string): string {
  try {
    const rules = new Intl.PluralRules(language);
    for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 101, 1_000_000]) {
      if (rules.select(n) === category) return `for example ${n.toLocaleString("en")}`;
    }
  } catch {
    // fall through
  }
  return `the "${category}" numbers`;
}

function reportExtras({ language, name, namespace, expected, enFlat, flat, add }: NamespaceContext): void {
  const wanted = new Set(expected.map((e) => e.key));
  const bases = pluralBases(enFlat);
  for (const key of flat.keys()) {
    if (wanted.has(key)) continue;
    const split = splitPluralKey(key);
    const pluralOfEnglishKey = split && bases.has(split.base);
    // `_zero` is optional everywhere: i18next tries it for a count of 0 before the usual form.
    if (pluralOfEnglishKey && split.category === "zero") continue;
    add({
      language,
      namespace,
      key,
      english: undefined,
      kind: "extra",
      message: pluralOfEnglishKey
        ? `${name} does not use the plural form "${split.category}" (it uses ${pluralCategoriesOf(language).join(", ")}): i18next never shows it.`
        : "not in the English file: nothing shows it (a renamed or misspelt key?).",
    });
  }
}

function placesOf(refs: readonly KeyReference[]): string {
  const places = [...new Set(refs.map((r) => r.where))];
  return places.length > 2 ? `${places.slice(0, 2).join(", ")} and ${places.length - 2} more` : places.join(" and ");
}

/** Keys used but absent from English, and English keys nothing uses. */
function checkUsage(
  usage: Usage,
  englishFlat: ReadonlyMap<string, ReadonlyMap<string, unknown>>,
  fallback: string,
  add: Add,
): void {
  const bases = new Map([...englishFlat].map(([ns, flat]) => [ns, pluralBases(flat)]));
  const exists = (namespace: string, key: string): "text" | "group" | undefined => {
    const flat = englishFlat.get(namespace);
    if (!flat) return undefined;
    if (typeof flat.get(key) === "string" || bases.get(namespace)!.has(key)) return "text";
    for (const k of flat.keys()) if (k.startsWith(`${key}.`)) return "group";
    return undefined;
  };
  const byKey = new Map<string, KeyReference[]>();
  for (const ref of usage.keys) {
    const id = `${ref.namespace}\u0000${ref.key}`;
    byKey.set(id, [...(byKey.get(id) ?? []), ref]);
  }

  for (const refs of byKey.values()) {
    const { namespace, key } = refs[0]!;
    if (namespace === anyNamespace) {
      // A mention: fine if some namespace has it; warn only when it looks like a key of an
      // existing group ("resume.expird") in a file that translates.
      if ([...englishFlat.keys()].some((ns) => exists(ns, key) === "text")) continue;
      const group = key.split(".")[0]!;
      const home = [...englishFlat].find(([, flat]) => [...flat.keys()].some((k) => k.startsWith(`${group}.`)))?.[0];
      const strongMentions = refs.filter((r) => !r.weak);
      if (home && strongMentions.length > 0) {
        add({
          language: fallback,
          namespace: home,
          key,
          english: undefined,
          kind: "mentionedButAbsent",
          message: `the code has this string (${placesOf(strongMentions)}), which looks like a key of "${group}" but is absent from English. If it is passed to t(), add it.`,
        });
      }
      continue;
    }
    const found = exists(namespace, key);
    if (found === "text") continue;
    // The code does not say which namespace: any that has the key will do.
    if (refs.every((r) => r.guessed) && [...englishFlat.keys()].some((ns) => exists(ns, key) === "text")) continue;
    const what = refs.some((r) => r.how === "call") ? "used in the code" : "needed by the questionnaire definition";
    add({
      language: fallback,
      namespace,
      key,
      english: undefined,
      kind: "usedButAbsent",
      message:
        found === "group"
          ? `${what} (${placesOf(refs)}) as a text, but it is a group of texts in English.`
          : `${what} (${placesOf(refs)}) but absent from the English file: people would see the key itself.`,
    });
  }

  const anywhere = new Set(usage.keys.filter((r) => r.namespace === anyNamespace || r.guessed).map((r) => r.key));
  for (const [namespace, flat] of englishFlat) {
    const exact = new Set(usage.keys.filter((r) => r.namespace === namespace).map((r) => r.key));
    const prefixes = usage.prefixes.filter((p) => p.namespace === namespace || p.guessed).map((p) => p.prefix);
    const used = (k: string) => exact.has(k) || anywhere.has(k);
    for (const [key, value] of flat) {
      const base = splitPluralKey(key)?.base;
      if (used(key) || (base && used(base)) || prefixes.some((p) => key.startsWith(p))) continue;
      add({
        language: fallback,
        namespace,
        key,
        english: typeof value === "string" ? value : undefined,
        kind: "unused",
        message:
          "used nowhere found (no t() call, questionnaire or key-like string names it): remove it, or ignore this if it is built at run time.",
      });
    }
  }
}

// --- Text output ------------------------------------------------------------------

function clip(text: string, max = 90): string {
  const one = text.replace(/\s+/g, " ");
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The report as plain text: one line per problem, then the completion per language. */
export function formatReport(report: Report, options: { quietUnused?: boolean } = {}): string {
  const lines: string[] = [];
  const byLanguage = new Map<string, Problem[]>();
  for (const p of report.problems) {
    if (options.quietUnused && p.kind === "unused") continue;
    byLanguage.set(p.language, [...(byLanguage.get(p.language) ?? []), p]);
  }
  for (const summary of report.languages) {
    const problems = byLanguage.get(summary.language) ?? [];
    const blocking = problems.filter((p) => p.blocking).length;
    lines.push(
      `${summary.name} (${summary.language})${summary.strict ? ", must be complete" : ""}: ` +
        (problems.length === 0 ? "no problems." : `${blocking} to fix, ${problems.length - blocking} for information.`),
    );
    for (const p of problems) {
      const english = p.english === undefined ? "" : ` English: "${clip(p.english)}"`;
      lines.push(`  ${p.blocking ? "✗" : "!"} ${p.file}  ${p.key}  ${p.message}${english}`);
    }
    lines.push("");
  }
  lines.push("Completion (texts present, not empty, placeholders right):");
  const width = Math.max(...report.languages.map((l) => `${l.name} (${l.language})`.length), 10);
  for (const l of report.languages) {
    const detail = l.namespaces.map((n) => `${n.namespace} ${n.percent}% (${n.done}/${n.expected})`).join(", ");
    lines.push(
      `  ${`${l.name} (${l.language})`.padEnd(width)}  ${String(l.percent).padStart(3)}%  ${l.done}/${l.expected}  ${detail}`,
    );
  }
  lines.push("");
  const blocking = report.problems.filter((p) => p.blocking).length;
  lines.push(
    report.ok
      ? "Result: OK. Lines marked ! are for information."
      : `Result: FAILED: ${blocking} problem${blocking === 1 ? "" : "s"} marked ✗ must be fixed. Lines marked ! are for information.`,
  );
  return lines.join("\n");
}
