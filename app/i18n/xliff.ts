import jsToXliff12 from "xliff/jsToXliff12";
import xliff12ToJs from "xliff/xliff12ToJs";
import { exportRows, type IncomingText, type Namespaces } from "./csv-roundtrip";
import { noLocaleMeta, type LocaleMeta } from "./locale-meta";
import { placeholderPattern } from "./locale-tree";
import { reviewStates, type ExportedText, type ReviewState, type SourceRecord } from "./source-record";
import { contextDescriber, type ContextOf } from "./string-context";

/**
 * The XLIFF 1.2 round trip for CAT tools (Trados Studio, memoQ, eLUNa, OmegaT): one `<file>`
 * per namespace, one `<trans-unit>` per text the language needs, its key as id and resname,
 * `{{placeholders}}` as `<ph>` tags the tools protect, a note with the text's context, the
 * length limit as `maxwidth`, and the state on `<target>`: none (untranslated), `translated`,
 * `needs-review-translation` (the English changed since it was translated). Written and read
 * with the `xliff` package; the few things it cannot write (the XML declaration, the target's
 * state) are added to its output, where `<` only ever starts a tag since texts are escaped.
 * Written without indentation: the package's indentation would put spaces inside texts.
 */

export interface XliffUnit extends ExportedText {
  context: string;
  state: ReviewState;
  previousEnglish?: string;
  maxLength?: number;
}

const placeholderType = "x-i18next-placeholder";
const targetState: Record<ReviewState, string | undefined> = {
  untranslated: undefined,
  translated: "translated",
  changed: "needs-review-translation",
};

type Segment = string | { Span: { id: string; ctype: string; contents: string } };

/** A text as the package's inline content: plain text and a `<ph>` per placeholder, numbered per unit. */
function segmentsOf(text: string, ids: Map<string, string>): string | Segment[] {
  const parts: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(placeholderPattern)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    if (!ids.has(m[0])) ids.set(m[0], String(ids.size + 1));
    parts.push({ Span: { id: ids.get(m[0])!, ctype: placeholderType, contents: m[0] } });
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function noteOf(unit: XliffUnit): string {
  if (unit.state !== "changed") return unit.context;
  return `${unit.context}\nThe English text changed since this was translated: check the translation. It was: “${unit.previousEnglish}”.`;
}

export async function buildXliff(units: readonly XliffUnit[], sourceLanguage: string, targetLanguage: string): Promise<string> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const u of units) {
    const ids = new Map<string, string>();
    const attributes: Record<string, string> = { resname: u.key };
    if (u.maxLength !== undefined) Object.assign(attributes, { maxwidth: String(u.maxLength), "size-unit": "char" });
    (resources[u.namespace] ??= {})[u.key] = {
      source: segmentsOf(u.english, ids),
      ...(u.state === "untranslated" ? {} : { target: segmentsOf(u.translation, ids) }),
      note: noteOf(u),
      additionalAttributes: attributes,
    };
  }
  const xml = await jsToXliff12({ sourceLanguage, targetLanguage, resources }, { indent: "" });
  let index = 0;
  const states = units.map((u) => targetState[u.state]);
  const withStates = xml.replace(/<trans-unit\b[^>]*>[\s\S]*?<\/trans-unit>/g, (unit) => {
    const state = states[index++];
    return state ? unit.replace("<target>", `<target state="${state}">`) : unit;
  });
  // Line breaks between elements, where XML ignores them, so the file can be read and compared.
  const readable = withStates.replace(/(<file\b|<\/file>|<body>|<\/body>|<trans-unit\b|<\/xliff>)/g, "\n$1");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${readable}\n`;
}

export interface XliffExport {
  xml: string;
  units: XliffUnit[];
  /** The source record after this export (see source-record.ts). */
  record: SourceRecord;
}

/** Every text a language needs as XLIFF, with its context and its state against the source record. */
export async function exportXliff(input: {
  english: Namespaces;
  target: Namespaces | undefined;
  sourceLanguage: string;
  language: string;
  record: SourceRecord;
  contextOf?: ContextOf;
  meta?: LocaleMeta;
}): Promise<XliffExport> {
  const meta = input.meta ?? noLocaleMeta;
  const contextOf = input.contextOf ?? contextDescriber(input.english, { meta });
  const rows = exportRows(input.english, input.target, input.language, contextOf);
  const { states, record } = reviewStates(rows, input.record);
  const units = rows.map((r, i) => ({ ...r, ...states[i]!, maxLength: meta.maxLength(r.namespace, r.key) }));
  return { xml: await buildXliff(units, input.sourceLanguage, input.language), units, record };
}

// --- Reading ---------------------------------------------------------------------

export interface ParsedXliff {
  rows: IncomingText[];
  /** Problems that stop the import: wrong encoding, not XML, not XLIFF 1.2. */
  errors: string[];
  sourceLanguage?: string;
  targetLanguage?: string;
}

const utf16 = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
const chooseUtf8 =
  'In the CAT tool, export the translated file ("Save target as", "Export") with the encoding UTF-8, then import again.';

/** The text of inline content: placeholders' `<ph>` give back what they hold. */
function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value.replaceAll(lineBreak, "\n");
  if (Array.isArray(value)) return value.map(textOf).join("");
  if (typeof value === "object") {
    const element = Object.values(value as Record<string, unknown>)[0] as { contents?: unknown } | undefined;
    return textOf(element?.contents);
  }
  return String(value);
}

/** A line break inside a text, kept from the package's reader, which drops a text's final one. */
const lineBreak = "\uE000";
/** XLIFF 1.2's inline elements; any other tag in a text is someone's markup. */
const inlineTags = new Set(["g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk", "sub"]);

/**
 * Readies the texts of `<source>` and `<target>` for the package's reader: line breaks kept,
 * and a tag that is not XLIFF's (`<b>` typed into a file by hand) turned back into text, so the
 * markup check refuses it instead of the reader dropping it unseen.
 */
function protectTexts(xml: string): string {
  return xml
    .replace(/\r\n?/g, "\n")
    .replace(/(<(source|target)\b[^>]*>)([\s\S]*?)(<\/\2>)/g, (_, open, _name, inner: string, close) => {
      const escaped = inner.replace(/<(\/?)([A-Za-z][\w:.-]*)/g, (tag, slash, name: string) =>
        inlineTags.has(name) ? tag : `&lt;${slash}${name}`,
      );
      return `${open}${escaped.replaceAll("\n", lineBreak)}${close}`;
    });
}

/** Reads an XLIFF 1.2 file's bytes; refuses anything that is not UTF-8. */
export async function parseXliff(bytes: Uint8Array, fileName = "the file"): Promise<ParsedXliff> {
  const fail = (message: string): ParsedXliff => ({ rows: [], errors: [message] });
  if (utf16(bytes)) return fail(`${fileName} is saved as UTF-16, not UTF-8. ${chooseUtf8}`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(
      `${fileName} is not UTF-8 (some bytes are not valid UTF-8: another encoding, such as Windows-1252?). ${chooseUtf8}`,
    );
  }
  const declared = /^\s*<\?xml[^>]*encoding=["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    return fail(`${fileName} declares the encoding ${declared}, not UTF-8. ${chooseUtf8}`);
  }
  const version = /<xliff\b[^>]*\bversion=["']([^"']+)["']/.exec(text)?.[1];
  if (!version) return fail(`${fileName} is not an XLIFF file (no <xliff version="…"> element).`);
  if (version !== "1.2")
    return fail(
      `${fileName} is XLIFF ${version}; Consulta reads XLIFF 1.2, the version it exports: keep that version in the CAT tool.`,
    );
  let js;
  try {
    js = await xliff12ToJs(protectTexts(text));
  } catch (error) {
    return fail(`${fileName} is not well-formed XML: ${(error as Error).message.split("\n").join(" ")}`);
  }
  const rows: IncomingText[] = [];
  for (const [namespace, units] of Object.entries(js.resources)) {
    let n = 0;
    const walk = (entries: Record<string, unknown>) => {
      for (const [key, raw] of Object.entries(entries)) {
        const unit = raw as { source?: unknown; target?: unknown; groupUnits?: Record<string, unknown> };
        if (unit.groupUnits) {
          walk(unit.groupUnits);
          continue;
        }
        n += 1;
        rows.push({ where: `unit ${n}`, namespace, key, english: textOf(unit.source), translation: textOf(unit.target) });
      }
    };
    walk(units);
  }
  return { rows, errors: [], sourceLanguage: js.sourceLanguage, targetLanguage: js.targetLanguage };
}
