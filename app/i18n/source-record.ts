/**
 * The English each translation was made from, per language (`locales/<lang>/.source-record.json`,
 * a dot file, so never read as a namespace). An export compares it with today's English to mark
 * the translations whose English changed as needing review; an import records the English the
 * translator saw. The mark stays until the translator sends the text back: a second export
 * does not clear it. Pure: the scripts read and write the file.
 */

export const sourceRecordFile = ".source-record.json";

/** `namespace:key` -> the English the translation was made from. */
export type SourceRecord = Readonly<Record<string, string>>;

const idOf = (namespace: string, key: string) => `${namespace}:${key}`;

export function parseSourceRecord(text: string | undefined): SourceRecord {
  if (!text) return {};
  const raw = JSON.parse(text) as unknown;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export function formatSourceRecord(record: SourceRecord): string {
  const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

export type ReviewState = "untranslated" | "translated" | "changed";

export interface ExportedText {
  namespace: string;
  key: string;
  english: string;
  translation: string;
}

/**
 * Each exported text's state, and the record after the export: a translation met for the
 * first time is taken as made from today's English; a changed one keeps its old English.
 */
export function reviewStates(
  texts: readonly ExportedText[],
  record: SourceRecord,
): { states: { state: ReviewState; previousEnglish?: string }[]; record: SourceRecord } {
  const next: Record<string, string> = { ...record };
  const states = texts.map((t) => {
    const id = idOf(t.namespace, t.key);
    if (t.translation === "") {
      delete next[id];
      return { state: "untranslated" as const };
    }
    const previous = record[id];
    if (previous === undefined) next[id] = t.english;
    return previous !== undefined && previous !== t.english
      ? { state: "changed" as const, previousEnglish: previous }
      : { state: "translated" as const };
  });
  return { states, record: next };
}

/** The record after an import: each text written or confirmed was made from the English its file showed. */
export function recordImport(
  record: SourceRecord,
  confirmed: readonly { namespace: string; key: string; english: string }[],
): SourceRecord {
  const next: Record<string, string> = { ...record };
  for (const c of confirmed) next[idOf(c.namespace, c.key)] = c.english;
  return next;
}
