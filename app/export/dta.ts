import { MISSING, type MissingCode } from "~/engine/missing";
import type { Cell } from "./columns";

/**
 * A Stata .dta file, format 118 (Stata 14 and later: UTF-8 text, strL), written as it goes.
 * Layout and codes follow Stata's published "dta" specification (help dta): a header, a map of
 * section offsets, per-variable descriptors, the data, the long strings (GSO blocks) and the
 * value-label tables. Little-endian throughout (byteorder LSF).
 */

export interface DtaVariable {
  name: string;
  label: string;
  storage: "string" | "numeric" | "date";
  /** Value labels of integer codes (numeric variables only: Stata labels integers). */
  values: Array<{ code: number; label: string }>;
  /** The documented missing codes this variable holds, with their labels; numeric ones become .a–.e. */
  missing: Array<{ code: number; label: string }>;
}

export interface DtaOptions {
  /** The dataset label (80 characters at most are kept). */
  label: string;
  timestamp: Date;
}

/** Each documented missing code as a Stata extended missing value, so `tab x, missing` names it. */
export const EXTENDED_MISSING: Readonly<Record<MissingCode, string>> = {
  [MISSING.noAnswer]: "a",
  [MISSING.notShown]: "b",
  [MISSING.dontKnow]: "c",
  [MISSING.notCoded]: "d",
  [MISSING.notApplicable]: "e",
  [MISSING.notAsked]: "f",
};

const STR_MAX = 2045;
const STRL = 32768;
type NumericType = "byte" | "int" | "long" | "double";
const TYPE_CODE: Record<NumericType, number> = { double: 65526, long: 65528, int: 65529, byte: 65530 };
const TYPE_SIZE: Record<NumericType, number> = { double: 8, long: 4, int: 2, byte: 1 };
/** Largest valid value of each integer type; the system missing value "." follows it, then .a, .b, … */
const TYPE_MAX: Record<Exclude<NumericType, "double">, number> = { byte: 100, int: 32740, long: 2147483620 };
const TYPE_MIN: Record<Exclude<NumericType, "double">, number> = { byte: -127, int: -32767, long: -2147483647 };
const DAY_MS = 86_400_000;
/** Stata dates count days from 1 January 1960. */
const STATA_EPOCH = Date.UTC(1960, 0, 1);

/** Stata's reserved words, never valid as variable names. */
const RESERVED = new Set(
  "_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _skip strL using with".split(" "),
);
const NAME_MAX = 32;

/**
 * Names valid in Stata: letters, digits and _, 32 characters at most, not reserved. The model's
 * names already are, but suffixes (`___code`, `__theme`) can lengthen a 32-character question id.
 */
export function stataNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((original) => {
    let name = original.replace(/[^A-Za-z0-9_]/g, "_");
    if (!/^[A-Za-z_]/.test(name)) name = `_${name}`;
    name = name.slice(0, NAME_MAX);
    if (RESERVED.has(name) || /^str([0-9]+|L)$/.test(name)) name = `_${name}`.slice(0, NAME_MAX);
    for (let n = 2; taken.has(name); n++) name = `${name.slice(0, NAME_MAX - String(n).length - 1)}_${n}`;
    taken.add(name);
    return name;
  });
}

const encoder = new TextEncoder();

/** At most `chars` characters and `bytes` bytes of UTF-8, cut between characters. */
function fitted(text: string, chars: number, bytes: number): Uint8Array {
  const cut = [...text].slice(0, chars);
  while (encoder.encode(cut.join("")).length > bytes) cut.pop();
  return encoder.encode(cut.join(""));
}

/** A label on one line, shortened with "…" to what Stata keeps (readers trim trailing spaces, so none is left). */
function labelText(text: string, chars: number, bytes: number): Uint8Array {
  const line = text.replace(/\s*\r?\n\s*/g, " ").trim();
  const kept = fitted(line, chars, bytes);
  if (kept.length === encoder.encode(line).length) return kept;
  return encoder.encode(`${new TextDecoder().decode(fitted(line, chars - 1, bytes - 3)).trimEnd()}…`);
}

/** Little-endian writer into one preallocated buffer. */
class Out {
  readonly bytes: Buffer;
  private readonly view: DataView;
  at = 0;
  constructor(size: number) {
    this.bytes = Buffer.alloc(size);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }
  /** UTF-8 text in a field of `width` bytes (never more than its bytes: widths come from the data). */
  text(text: string, width: number) {
    this.bytes.write(text, this.at, width, "utf8");
    this.at += width;
  }
  tag(text: string) {
    this.bytes.set(encoder.encode(text), this.at);
    this.at += text.length;
  }
  u8(n: number) {
    this.view.setUint8(this.at, n);
    this.at += 1;
  }
  u16(n: number) {
    this.view.setUint16(this.at, n, true);
    this.at += 2;
  }
  i16(n: number) {
    this.view.setInt16(this.at, n, true);
    this.at += 2;
  }
  i32(n: number) {
    this.view.setInt32(this.at, n, true);
    this.at += 4;
  }
  u32(n: number) {
    this.view.setUint32(this.at, n, true);
    this.at += 4;
  }
  u64(n: number) {
    this.view.setBigUint64(this.at, BigInt(n), true);
    this.at += 8;
  }
  f64(n: number) {
    this.view.setFloat64(this.at, n, true);
    this.at += 8;
  }
  /** Raw bytes in a fixed-width field, the rest zeros (the buffer starts zeroed). */
  fixed(data: Uint8Array, width: number) {
    this.bytes.set(data.subarray(0, width), this.at);
    this.at += width;
  }
}

/** What the first pass learns of a column. */
interface Stats {
  maxBytes: number;
  /** A text ends with a space: ReadStat (and so haven) trims those from str# but not from strL. */
  trailingSpace: boolean;
  /** Bytes of all non-empty texts and how many there are: what the strL blocks would hold. */
  textBytes: number;
  texts: number;
  integer: boolean;
  min: number;
  max: number;
}

interface Layout {
  variable: DtaVariable;
  name: string;
  /** Stored as: a numeric type, str# (its width) or strL. */
  numeric?: NumericType;
  width: number;
  strL: boolean;
  missingLetter: Map<number, number>;
}

/** The Stata day number of an ISO date (YYYY-MM-DD). */
function stataDay(text: string, variable: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`${variable}: "${text}" is not a date (YYYY-MM-DD)`);
  return (Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - STATA_EPOCH) / DAY_MS;
}

/** A numeric cell as a number, or the index (0 = .a) of its extended missing value. */
function numericValue(cell: Cell, layout: Layout): { value: number } | { missing: number } | null {
  if (cell === "") return null;
  const n = typeof cell === "number" ? cell : Number(cell);
  const letter = layout.missingLetter.get(n);
  if (letter !== undefined) return { missing: letter };
  if (layout.variable.storage === "date") return { value: stataDay(String(cell), layout.name) };
  if (!Number.isFinite(n)) throw new Error(`${layout.name}: "${cell}" is not a number`);
  return { value: n };
}

function numericType(stats: Stats, date: boolean): NumericType {
  if (!stats.integer) return "double";
  if (stats.min > stats.max) return "byte";
  for (const type of ["byte", "int", "long"] as const) {
    if (!date || type === "long") if (stats.min >= TYPE_MIN[type] && stats.max <= TYPE_MAX[type]) return type;
  }
  return "double";
}

function format(layout: Layout): string {
  if (layout.variable.storage === "date") return "%td";
  if (!layout.numeric) return layout.strL ? "%9s" : `%${Math.min(layout.width, 244)}s`;
  return layout.numeric === "double" ? "%10.0g" : "%8.0g";
}

/** The value-label key of an extended missing value (the long encoding: .a is 2147483622). */
const missingKey = (letter: number) => TYPE_MAX.long + 2 + letter;

function valueLabelTable(layout: Layout): Uint8Array | null {
  const { values, missing } = layout.variable;
  if (!layout.numeric || (!values.length && !missing.length)) return null;
  const entries = [
    ...values.map((v) => ({ key: v.code, text: labelText(v.label, 32000, 32000) })),
    ...missing.map((m) => ({ key: missingKey(layout.missingLetter.get(m.code)!), text: labelText(m.label, 32000, 32000) })),
  ].sort((a, b) => a.key - b.key);
  const textLength = entries.reduce((sum, e) => sum + e.text.length + 1, 0);
  const tableLength = 8 + 8 * entries.length + textLength;
  const out = new Out(5 + 4 + 129 + 3 + tableLength + 6);
  out.tag("<lbl>");
  out.i32(tableLength);
  out.fixed(encoder.encode(layout.name), 129);
  out.at += 3;
  out.i32(entries.length);
  out.i32(textLength);
  let offset = 0;
  for (const e of entries) {
    out.i32(offset);
    offset += e.text.length + 1;
  }
  for (const e of entries) out.i32(e.key);
  for (const e of entries) out.fixed(e.text, e.text.length + 1);
  out.tag("</lbl>");
  return out.bytes;
}

const GSO_HEAD = 3 + 4 + 8 + 1 + 4;

/**
 * The .dta file of `variables` and the rows `rows()` yields, in batches. `rows` is read twice
 * (widths and types first, then the data) and a third time when a text is a strL (the blocks
 * follow the data): it must yield the same rows each time (the server reads them back from a spool file).
 */
export async function* dtaFile(
  variables: DtaVariable[],
  rows: () => AsyncIterable<Cell[][]>,
  options: DtaOptions,
): AsyncGenerator<Uint8Array> {
  const stats: Stats[] = variables.map(() => ({
    maxBytes: 0,
    trailingSpace: false,
    textBytes: 0,
    texts: 0,
    integer: true,
    min: Infinity,
    max: -Infinity,
  }));
  const names = stataNames(variables.map((v) => v.name));
  const layouts: Layout[] = variables.map((variable, i) => ({
    variable,
    name: names[i]!,
    width: 0,
    strL: false,
    missingLetter: new Map(
      variable.storage === "string"
        ? []
        : variable.missing.map((m) => [m.code, EXTENDED_MISSING[m.code as MissingCode].charCodeAt(0) - 97]),
    ),
  }));
  let count = 0;
  for await (const batch of rows()) {
    for (const row of batch) {
      count++;
      row.forEach((cell, i) => {
        const s = stats[i]!;
        const layout = layouts[i]!;
        if (layout.variable.storage === "string") {
          const text = String(cell);
          const bytes = Buffer.byteLength(text);
          if (bytes > s.maxBytes) s.maxBytes = bytes;
          if (text.endsWith(" ")) s.trailingSpace = true;
          if (bytes) {
            s.textBytes += bytes;
            s.texts++;
          }
          return;
        }
        const n = numericValue(cell, layout);
        if (!n || !("value" in n)) return;
        if (!Number.isInteger(n.value)) s.integer = false;
        if (n.value < s.min) s.min = n.value;
        if (n.value > s.max) s.max = n.value;
      });
    }
  }
  for (const [i, layout] of layouts.entries()) {
    const s = stats[i]!;
    if (layout.variable.storage === "string") {
      // A str# pads every cell to the longest text: a few long answers among short ones take less room as strLs.
      const strLBytes = count * 8 + s.texts * (GSO_HEAD + 1) + s.textBytes;
      layout.strL = s.maxBytes > STR_MAX || s.trailingSpace || strLBytes < count * Math.max(1, s.maxBytes);
      layout.width = layout.strL ? 8 : Math.max(1, s.maxBytes);
    } else {
      layout.numeric = numericType(s, layout.variable.storage === "date");
      layout.width = TYPE_SIZE[layout.numeric];
    }
  }
  const rowWidth = layouts.reduce((sum, l) => sum + l.width, 0);
  const strLs = layouts.some((l) => l.strL);

  // The strL section's size, for the map: a block per non-empty long text.
  const strlBytes = layouts.reduce(
    (sum, l, i) => (l.strL ? sum + stats[i]!.texts * (GSO_HEAD + 1) + stats[i]!.textBytes : sum),
    0,
  );

  const K = variables.length;
  const tables = layouts.map(valueLabelTable);
  const label = labelText(options.label, 80, 320);
  // Tags and fixed-width descriptors: generously sized, then cut to what was written.
  const header = new Out(1024 + label.length + K * (2 + 129 + 2 + 57 + 129 + 321));
  const offsets: number[] = [];
  header.tag("<stata_dta>");
  header.tag("<header><release>118</release><byteorder>LSF</byteorder><K>");
  header.u16(K);
  header.tag("</K><N>");
  header.u64(count);
  header.tag("</N><label>");
  header.u16(label.length);
  header.fixed(label, label.length);
  header.tag("</label><timestamp>");
  header.u8(17);
  header.tag(stataTimestamp(options.timestamp));
  header.tag("</timestamp></header>");
  const mapAt = header.at;
  header.tag("<map>");
  header.at += 14 * 8;
  header.tag("</map>");
  offsets.push(0, mapAt, header.at);
  header.tag("<variable_types>");
  for (const l of layouts) header.u16(l.numeric ? TYPE_CODE[l.numeric] : l.strL ? STRL : l.width);
  header.tag("</variable_types>");
  offsets.push(header.at);
  header.tag("<varnames>");
  for (const l of layouts) header.fixed(encoder.encode(l.name), 129);
  header.tag("</varnames>");
  offsets.push(header.at);
  header.tag("<sortlist>");
  header.at += 2 * (K + 1);
  header.tag("</sortlist>");
  offsets.push(header.at);
  header.tag("<formats>");
  for (const l of layouts) header.fixed(encoder.encode(format(l)), 57);
  header.tag("</formats>");
  offsets.push(header.at);
  header.tag("<value_label_names>");
  for (const [i, l] of layouts.entries()) header.fixed(tables[i] ? encoder.encode(l.name) : new Uint8Array(0), 129);
  header.tag("</value_label_names>");
  offsets.push(header.at);
  header.tag("<variable_labels>");
  for (const l of layouts) header.fixed(labelText(l.variable.label, 80, 320), 321);
  header.tag("</variable_labels>");
  offsets.push(header.at);
  header.tag("<characteristics></characteristics>");
  offsets.push(header.at);
  header.tag("<data>");
  const dataEnd = header.at + count * rowWidth + "</data>".length;
  const strlsEnd = dataEnd + "<strls>".length + strlBytes + "</strls>".length;
  const labelsEnd =
    strlsEnd + "<value_labels>".length + tables.reduce((sum, t) => sum + (t?.length ?? 0), 0) + "</value_labels>".length;
  offsets.push(dataEnd, strlsEnd, labelsEnd, labelsEnd + "</stata_dta>".length);
  const headerEnd = header.at;
  header.at = mapAt + "<map>".length;
  for (const offset of offsets) header.u64(offset);
  yield header.bytes.subarray(0, headerEnd);

  let observation = 0;
  for await (const batch of rows()) {
    const out = new Out(batch.length * rowWidth);
    for (const row of batch) {
      observation++;
      for (const [i, layout] of layouts.entries()) writeCell(out, row[i]!, layout, i + 1, observation);
    }
    yield out.bytes;
  }
  yield encoder.encode("</data><strls>");
  if (strLs) {
    observation = 0;
    for await (const batch of rows()) {
      let size = 0;
      for (const row of batch) for (const [i, layout] of layouts.entries()) if (layout.strL) size += gsoSize(row[i]!);
      const blocks = new Out(size);
      for (const row of batch) {
        observation++;
        for (const [i, layout] of layouts.entries()) {
          const text = String(row[i]);
          if (!layout.strL || !text) continue;
          const bytes = Buffer.byteLength(text);
          blocks.tag("GSO");
          blocks.u32(i + 1);
          blocks.u64(observation);
          // 130: text, stored with its terminating null.
          blocks.u8(130);
          blocks.u32(bytes + 1);
          blocks.text(text, bytes + 1);
        }
      }
      if (size) yield blocks.bytes;
    }
  }
  yield encoder.encode("</strls><value_labels>");
  for (const table of tables) if (table) yield table;
  yield encoder.encode("</value_labels></stata_dta>");
}

function writeCell(out: Out, cell: Cell, layout: Layout, variable: number, observation: number) {
  if (!layout.numeric) {
    const text = String(cell);
    if (layout.strL) {
      // (v, o): the GSO block of this variable and observation; (0, 0) is the empty string.
      const start = out.at;
      if (text) {
        out.u16(variable);
        out.u32(observation % 2 ** 32);
        out.u16(Math.floor(observation / 2 ** 32));
      }
      out.at = start + 8;
    } else out.text(text, layout.width);
    return;
  }
  const n = numericValue(cell, layout);
  const type = layout.numeric;
  if (type === "double") {
    if (n && "value" in n) out.f64(n.value);
    else {
      // . is 0x7fe0000000000000; .a, .b, … follow in steps of 2^40.
      out.u32(0);
      out.u32(0x7fe00000 + (n ? (n.missing + 1) * 0x100 : 0));
    }
    return;
  }
  const value = n && "value" in n ? n.value : TYPE_MAX[type] + 1 + (n ? n.missing + 1 : 0);
  if (type === "byte") out.bytes[out.at++] = value & 0xff;
  else if (type === "int") out.i16(value);
  else out.i32(value);
}

/** The bytes of a strL's GSO block; none for an empty text, which is (0, 0). */
function gsoSize(cell: Cell): number {
  const text = String(cell);
  return text ? GSO_HEAD + Buffer.byteLength(text) + 1 : 0;
}

const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
const pad = (n: number) => String(n).padStart(2, "0");

/** "dd Mon yyyy hh:mm", as Stata writes it (UTC). */
function stataTimestamp(d: Date): string {
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
