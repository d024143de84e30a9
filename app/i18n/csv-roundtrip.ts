import Papa from "papaparse";
import {
  checkPlaceholders,
  describePlaceholderProblem,
  expectedKeys,
  flatten,
  formatLocaleFile,
  placeholdersOk,
  unflatten,
  type Tree,
} from "./locale-tree";

/**
 * The CSV round trip for translators' tools (spreadsheets, CAT tools): one row per text a
 * language needs, `namespace,key,english,translation`, UTF-8 with a byte order mark (so
 * spreadsheets read accents right), RFC 4180 quoting, CRLF line ends. Importing writes back
 * only what is valid. Pure: the scripts read and write the files.
 */

export const csvColumns = ["namespace", "key", "english", "translation"] as const;
export type CsvRow = Record<(typeof csvColumns)[number], string>;

/** namespace -> nested JSON, for one language. */
export type Namespaces = Readonly<Record<string, unknown>>;

const bom = "\uFEFF";

/**
 * A row per text the language needs, in the English files' order (namespaces sorted),
 * with plural keys expanded to the language's forms (Spanish `_many` shows English `_other`).
 */
export function exportRows(english: Namespaces, target: Namespaces | undefined, language: string): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const namespace of Object.keys(english).sort()) {
    const enFlat = flatten(english[namespace]);
    const own = flatten(target?.[namespace]);
    for (const e of expectedKeys(enFlat, language)) {
      const englishText = enFlat.get(e.englishKey);
      if (typeof englishText !== "string") continue;
      const current = own.get(e.key);
      rows.push({ namespace, key: e.key, english: englishText, translation: typeof current === "string" ? current : "" });
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

export function exportCsv(english: Namespaces, target: Namespaces | undefined, language: string): string {
  return rowsToCsv(exportRows(english, target, language));
}

export interface ParsedCsv {
  /** With the spreadsheet row number (the header is row 1). */
  rows: (CsvRow & { row: number })[];
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
    namespace: (r.namespace ?? "").trim(),
    key: (r.key ?? "").trim(),
    english: r.english ?? "",
    // A spreadsheet may save line breaks inside a cell as CRLF; the locale files use LF.
    translation: (r.translation ?? "").replace(/\r\n?/g, "\n"),
  }));
  return { rows, errors };
}

export interface RowNote {
  row: number;
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
  /** Stops the whole import (unreadable file); nothing is written. */
  errors: string[];
}

/**
 * Reads a translated CSV back. A row is written when its key is one the language needs,
 * its translation is not empty and its placeholders match English; anything else is
 * reported and left as it was.
 */
export function importCsv(text: string, english: Namespaces, target: Namespaces | undefined, language: string): ImportResult {
  const { rows, errors } = parseCsv(text);
  const result: ImportResult = {
    trees: {},
    files: {},
    changes: [],
    refused: [],
    skipped: [],
    warnings: [],
    unchanged: 0,
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

  const accepted = new Map<string, Map<string, string>>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const note = (reason: string): RowNote => ({ row: r.row, namespace: r.namespace, key: r.key, reason });
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
      result.refused.push(note(`given twice: row ${seen.get(id)} is used.`));
      continue;
    }
    seen.set(id, r.row);
    if (r.translation.trim() === "") {
      result.skipped.push(note("empty translation: left as it was."));
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
  const verb = options.dryRun ? "would change" : "changed";
  lines.push(
    `${result.changes.length} text${result.changes.length === 1 ? "" : "s"} ${verb}, ${result.unchanged} unchanged, ${result.skipped.length} empty (skipped), ${result.refused.length} refused.`,
  );
  for (const c of result.changes)
    lines.push(`  ✓ ${options.language}/${c.namespace}.json  ${c.key}: ${quote(c.before)} → ${quote(c.after)}`);
  for (const w of result.warnings) lines.push(`  ! row ${w.row}  ${w.namespace}  ${w.key}: ${w.reason}`);
  for (const r of result.refused) lines.push(`  ✗ row ${r.row}  ${r.namespace}  ${r.key}: refused, ${r.reason}`);
  const files = Object.keys(result.files);
  lines.push(
    files.length
      ? `${options.dryRun ? "Would write" : "Wrote"} ${files.map((ns) => `${options.language}/${ns}.json`).join(", ")}.${options.dryRun ? " (dry run: nothing written)" : ""}`
      : "No file to write.",
  );
  return lines.join("\n");
}
