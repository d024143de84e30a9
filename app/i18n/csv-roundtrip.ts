import Papa from "papaparse";
import { noLocaleMeta, type LocaleMeta } from "./locale-meta";
import {
  checkPlaceholders,
  describePlaceholderProblem,
  expectedKeys,
  flatten,
  formatLocaleFile,
  markupOf,
  placeholdersOk,
  spacedPlaceholdersOf,
  unflatten,
  type Tree,
} from "./locale-tree";
import { contextDescriber, type ContextOf } from "./string-context";

/**
 * The CSV round trip for translators' tools (spreadsheets, CAT tools): one row per text a
 * language needs, `namespace,key,english,translation,context`, UTF-8 with a byte order mark (so
 * spreadsheets read accents right), RFC 4180 quoting, CRLF line ends. Importing writes back
 * only what is valid. Pure: the scripts read and write the files.
 */

export const csvColumns = ["namespace", "key", "english", "translation", "context"] as const;
export type CsvRow = Record<(typeof csvColumns)[number], string>;

/** namespace -> nested JSON, for one language. */
export type Namespaces = Readonly<Record<string, unknown>>;

const bom = "\uFEFF";

/**
 * A row per text the language needs, in the English files' order (namespaces sorted),
 * with plural keys expanded to the language's forms (Spanish `_many` shows English `_other`).
 */
export function exportRows(
  english: Namespaces,
  target: Namespaces | undefined,
  language: string,
  contextOf: ContextOf = contextDescriber(english),
): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const namespace of Object.keys(english).sort()) {
    const enFlat = flatten(english[namespace]);
    const own = flatten(target?.[namespace]);
    for (const e of expectedKeys(enFlat, language)) {
      const englishText = enFlat.get(e.englishKey);
      if (typeof englishText !== "string") continue;
      const current = own.get(e.key);
      rows.push({
        namespace,
        key: e.key,
        english: englishText,
        translation: typeof current === "string" ? current : "",
        context: contextOf(namespace, e.key, language, englishText),
      });
    }
  }
  return rows;
}

export function rowsToCsv(rows: readonly CsvRow[]): string {
  const body = Papa.unparse(
    { fields: [...csvColumns], data: rows.map((r) => csvColumns.map((c) => r[c])) },
    { newline: "\r\n", quotes: false, header: true },
  );
  return `${bom}${body}\r\n`;
}

export function exportCsv(english: Namespaces, target: Namespaces | undefined, language: string, contextOf?: ContextOf): string {
  return rowsToCsv(exportRows(english, target, language, contextOf));
}

/** A translation read back from a translator's file, with where it stands in that file. */
export interface IncomingText {
  /** "row 12" of a CSV, "unit 12" of an XLIFF file: where the translator finds it. */
  where: string;
  namespace: string;
  key: string;
  /** The English the translator saw; empty when the file does not say. */
  english: string;
  translation: string;
}

export interface ParsedCsv {
  /** With the spreadsheet row number (the header is row 1). */
  rows: (IncomingText & { row: number; context: string })[];
  /** Problems that stop the import: no such columns, unreadable file. */
  errors: string[];
}

export function parseCsv(text: string): ParsedCsv {
  const parsed = Papa.parse<Record<string, string>>(text.startsWith(bom) ? text.slice(1) : text, {
    header: true,
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t"],
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: string[] = [];
  const fields = parsed.meta.fields ?? [];
  const lacking = ["namespace", "key", "translation"].filter((c) => !fields.includes(c));
  if (lacking.length)
    errors.push(`the file has no column ${lacking.join(", ")}: its first line must be ${csvColumns.join(",")}.`);
  for (const e of parsed.errors) {
    if (e.code === "UndetectableDelimiter") continue; // a one-row file; the columns check says enough
    errors.push(`row ${(e.row ?? 0) + 2}: ${e.message}`);
  }
  const rows = parsed.data.map((r, i) => ({
    row: i + 2,
    where: `row ${i + 2}`,
    namespace: (r.namespace ?? "").trim(),
    key: (r.key ?? "").trim(),
    english: r.english ?? "",
    // A spreadsheet may save line breaks inside a cell as CRLF; the locale files use LF.
    translation: (r.translation ?? "").replace(/\r\n?/g, "\n"),
    context: r.context ?? "",
  }));
  return { rows, errors };
}

export interface RowNote {
  where: string;
  namespace: string;
  key: string;
  reason: string;
}

export interface Change {
  namespace: string;
  key: string;
  before: string | undefined;
  after: string;
}

export interface ImportResult {
  /** The language's namespaces after the import, keys in the English order (extra keys kept at the end). */
  trees: Record<string, Tree>;
  /** File content (2-space JSON, final newline) of each namespace with at least one change. */
  files: Record<string, string>;
  changes: Change[];
  /** Rows not written: unknown keys, broken placeholders, rows given twice. */
  refused: RowNote[];
  /** Rows left out on purpose: empty translations. */
  skipped: RowNote[];
  /** Written, but worth a look: the English text changed since the export. */
  warnings: RowNote[];
  unchanged: number;
  /** For each text written or confirmed unchanged, the English the translator saw (see source-record.ts). */
  confirmed: { namespace: string; key: string; english: string }[];
  /** Stops the whole import (unreadable file); nothing is written. */
  errors: string[];
}

/**
 * Reads a translated CSV back. A row is written when its key is one the language needs,
 * its translation is not empty and its placeholders match English; anything else is
 * reported and left as it was.
 */
export function importCsv(
  text: string,
  english: Namespaces,
  target: Namespaces | undefined,
  language: string,
  meta: LocaleMeta = noLocaleMeta,
): ImportResult {
  const { rows, errors } = parseCsv(text);
  return importTexts(rows, errors, english, target, language, meta);
}

/**
 * Writes back the texts read from a translator's file (CSV or XLIFF). A text is written when
 * its key is one the language needs, it is not empty, it is not English left as it was, its
 * placeholders match English and it holds no markup; anything else is reported and left as it was.
 */
export function importTexts(
  rows: readonly IncomingText[],
  errors: string[],
  english: Namespaces,
  target: Namespaces | undefined,
  language: string,
  meta: LocaleMeta = noLocaleMeta,
): ImportResult {
  const result: ImportResult = {
    trees: {},
    files: {},
    changes: [],
    refused: [],
    skipped: [],
    warnings: [],
    unchanged: 0,
    confirmed: [],
    errors,
  };
  if (errors.length) return result;

  const plan = new Map<string, { englishText: string; englishForms: string[] | undefined }>();
  for (const namespace of Object.keys(english)) {
    const enFlat = flatten(english[namespace]);
    for (const e of expectedKeys(enFlat, language)) {
      const englishText = enFlat.get(e.englishKey);
      if (typeof englishText !== "string") continue;
      plan.set(`${namespace}\u0000${e.key}`, {
        englishText,
        englishForms: e.plural?.englishForms.map((k) => String(enFlat.get(k) ?? "")),
      });
    }
  }

  const ownFlats = new Map<string, Map<string, unknown>>();
  const current = (namespace: string, key: string) => {
    if (!ownFlats.has(namespace)) ownFlats.set(namespace, flatten(target?.[namespace]));
    return ownFlats.get(namespace)!.get(key);
  };
  const accepted = new Map<string, Map<string, string>>();
  const seen = new Map<string, string>();
  for (const r of rows) {
    const note = (reason: string): RowNote => ({ where: r.where, namespace: r.namespace, key: r.key, reason });
    const id = `${r.namespace}\u0000${r.key}`;
    const wanted = plan.get(id);
    if (!wanted) {
      result.refused.push(
        note(
          english[r.namespace] === undefined
            ? `unknown area "${r.namespace}": there is no such English file.`
            : "unknown key: English has no such text (renamed or misspelt?).",
        ),
      );
      continue;
    }
    if (seen.has(id)) {
      result.refused.push(note(`given twice: ${seen.get(id)} is used.`));
      continue;
    }
    seen.set(id, r.where);
    if (r.translation.trim() === "") {
      result.skipped.push(note("empty translation: left as it was."));
      continue;
    }
    // A CAT tool may copy the source into an untranslated segment; a text already so in the file stays.
    const sameAsEnglish = r.translation === wanted.englishText && /\p{L}/u.test(r.translation);
    if (
      sameAsEnglish &&
      current(r.namespace, r.key) !== r.translation &&
      !meta.allowsSameAsEnglish(language, r.namespace, r.key)
    ) {
      result.skipped.push(note("identical to English (not translated yet?): left as it was."));
      continue;
    }
    const spaced = spacedPlaceholdersOf(r.translation);
    if (spaced.length) {
      result.refused.push(
        note(
          `placeholder problem: write ${spaced.map((p) => p.replace(/\s+/g, "")).join(", ")} without spaces inside the braces.`,
        ),
      );
      continue;
    }
    const markup = markupOf(r.translation);
    if (markup.length && !meta.allowsMarkup(r.namespace, r.key)) {
      result.refused.push(note(`markup: ${markup.join(" ")} would show to people as typed; remove it.`));
      continue;
    }
    const check = checkPlaceholders(
      wanted.englishText,
      r.translation,
      wanted.englishForms ? { allEnglishForms: wanted.englishForms } : undefined,
    );
    if (!placeholdersOk(check)) {
      result.refused.push(note(`placeholder problem: ${describePlaceholderProblem(check)}`));
      continue;
    }
    if (r.english !== "" && r.english.replace(/\r\n?/g, "\n") !== wanted.englishText) {
      result.warnings.push(note("the English text has changed since the export: check that the translation still fits."));
    }
    const ns = accepted.get(r.namespace) ?? new Map<string, string>();
    ns.set(r.key, r.translation);
    accepted.set(r.namespace, ns);
    const englishSeen = r.english === "" ? wanted.englishText : r.english.replace(/\r\n?/g, "\n");
    result.confirmed.push({ namespace: r.namespace, key: r.key, english: englishSeen });
  }

  for (const namespace of Object.keys(english).sort()) {
    const enFlat = flatten(english[namespace]);
    const own = flatten(target?.[namespace]);
    const updates = accepted.get(namespace) ?? new Map<string, string>();
    const entries: [string, unknown][] = [];
    const placed = new Set<string>();
    let changed = false;
    for (const e of expectedKeys(enFlat, language)) {
      placed.add(e.key);
      const before = own.get(e.key);
      const after = updates.get(e.key);
      if (after !== undefined && after !== before) {
        result.changes.push({ namespace, key: e.key, before: typeof before === "string" ? before : undefined, after });
        changed = true;
        entries.push([e.key, after]);
      } else {
        if (after !== undefined) result.unchanged += 1;
        if (before !== undefined) entries.push([e.key, before]);
      }
    }
    // Keys English does not have are kept, not deleted: the check reports them.
    for (const [key, value] of own) if (!placed.has(key)) entries.push([key, value]);
    if (entries.length === 0 && target?.[namespace] === undefined) continue;
    result.trees[namespace] = unflatten(entries);
    if (changed) result.files[namespace] = formatLocaleFile(result.trees[namespace]);
  }
  return result;
}

function quote(text: string | undefined, max = 70): string {
  if (text === undefined) return "(none)";
  const one = text.replace(/\s+/g, " ");
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}

/** What an import did, in plain words. */
export function formatImport(result: ImportResult, options: { dryRun?: boolean; language: string }): string {
  const lines: string[] = [];
  if (result.errors.length) {
    lines.push("The file could not be imported; nothing was written:");
    for (const e of result.errors) lines.push(`  ✗ ${e}`);
    return lines.join("\n");
  }
  const added = result.changes.filter((c) => c.before === undefined);
  const changed = result.changes.filter((c) => c.before !== undefined);
  const would = options.dryRun ? "would be " : "";
  const plural = (n: number) => (n === 1 ? "" : "s");
  lines.push(
    `${added.length} text${plural(added.length)} ${would}added, ${changed.length} ${would}changed, ${result.unchanged} unchanged, ${result.skipped.length} skipped, ${result.refused.length} refused.`,
  );
  for (const c of added) lines.push(`  + ${options.language}/${c.namespace}.json  ${c.key}: ${quote(c.after)}`);
  for (const c of changed)
    lines.push(`  ✓ ${options.language}/${c.namespace}.json  ${c.key}: ${quote(c.before)} → ${quote(c.after)}`);
  for (const w of result.warnings) lines.push(`  ! ${w.where}  ${w.namespace}  ${w.key}: ${w.reason}`);
  for (const r of result.skipped.filter((k) => !k.reason.startsWith("empty")))
    lines.push(`  - ${r.where}  ${r.namespace}  ${r.key}: skipped, ${r.reason}`);
  for (const r of result.refused) lines.push(`  ✗ ${r.where}  ${r.namespace}  ${r.key}: refused, ${r.reason}`);
  const files = Object.keys(result.files);
  lines.push(
    files.length
      ? `${options.dryRun ? "Would write" : "Wrote"} ${files.map((ns) => `${options.language}/${ns}.json`).join(", ")}.${options.dryRun ? " (dry run: nothing written)" : ""}`
      : "No file to write.",
  );
  return lines.join("\n");
}
