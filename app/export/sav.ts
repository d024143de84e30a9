import type { MeasurementLevel } from "~/engine/dataset-model";

/**
 * A native SPSS system file (.sav), written as GNU PSPP's "System File Format" describes it:
 * header, one variable record per 8 bytes of each variable (very long strings as 255-byte
 * segments), value labels (records 3 and 4), the informational records 7.3, 7.4, 7.11, 7.13,
 * 7.14 and 7.20, the dictionary termination record, then the cases, bytecode-compressed.
 * Text is UTF-8 (character code 65001). Pure: it knows no questionnaire and no database.
 */

export type SavCell = string | number;

export interface SavVariable {
  /** Up to 64 bytes, as SPSS names go (written as the long name; the short name is derived). */
  name: string;
  label: string;
  /** numeric: doubles; date: "YYYY-MM-DD" as an SPSS date; string: text as typed, as wide as the data needs. */
  type: "numeric" | "date" | "string";
  level: MeasurementLevel;
  /** Labels of codes: numbers for numeric and date variables, text for strings of up to 8 bytes. */
  valueLabels: Array<{ code: number | string; label: string }>;
  /** User-missing codes: numeric and date variables only (readers refuse them on long strings). */
  missing: number[];
}

export interface SavOptions {
  fileLabel?: string;
  created?: Date;
}

/** SPSS's own limits: a string is at most 32,767 bytes; documented label lengths. */
export const SAV_LIMITS = { stringBytes: 32767, variableLabelBytes: 255, valueLabelBytes: 120, nameBytes: 64 } as const;

const SEGMENT_BYTES = 255;
const SEGMENT_STRIDE = 252;
const BIAS = 100;
const SYSMIS = -Number.MAX_VALUE;
/** Seconds from the start of the Gregorian calendar (14 October 1582), SPSS's epoch, to 1970. */
const SPSS_EPOCH_MS = Date.UTC(1582, 9, 14);
const DATE_CELL = /^(\d{4})-(\d{2})-(\d{2})$/;

const FORMAT = { A: 1, F: 5, DATE: 20 } as const;
const MEASURE: Record<MeasurementLevel, number> = { nominal: 1, ordinal: 2, scale: 3 };
const RESERVED = new Set(["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]);
const VALID_NAME = /^[A-Za-z@][A-Za-z0-9_.$#@]*$/;

/** Why a name cannot be an SPSS variable name, or null when it can. */
export function savNameProblem(name: string): string | null {
  if (Buffer.byteLength(name) > SAV_LIMITS.nameBytes) return `longer than ${SAV_LIMITS.nameBytes} bytes`;
  if (!VALID_NAME.test(name)) return "not a letter followed by letters, digits, _ . $ # @";
  if (name.endsWith(".")) return "ends with a full stop";
  if (RESERVED.has(name.toUpperCase())) return "a reserved word";
  return null;
}

/** The bytes of a text, cut at a character boundary so that it fits `max` bytes. */
export function utf8Within(text: string, max: number): Buffer {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** Widths of the segments of a string of `width` bytes (one segment up to 255 bytes). */
export function segmentWidths(width: number): number[] {
  if (width <= SEGMENT_BYTES) return [width];
  const n = Math.ceil(width / SEGMENT_STRIDE);
  return [...Array<number>(n - 1).fill(SEGMENT_BYTES), width - (n - 1) * SEGMENT_STRIDE];
}

const roundUp8 = (n: number) => Math.ceil(n / 8) * 8;

/** A date cell as seconds since 14 October 1582; missing codes stay as they are; anything else is system-missing. */
export function spssDate(cell: SavCell): number {
  if (typeof cell === "number") return cell;
  const m = DATE_CELL.exec(cell);
  if (!m) return cell === "" || Number.isNaN(Number(cell)) ? SYSMIS : Number(cell);
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - SPSS_EPOCH_MS) / 1000;
}

const numberOf = (cell: SavCell): number => {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : SYSMIS;
  const n = cell.trim() === "" ? NaN : Number(cell);
  return Number.isFinite(n) ? n : SYSMIS;
};

/** Little-endian fields appended to one growing list of buffers. */
class Bytes {
  readonly parts: Buffer[] = [];
  int32(...values: number[]) {
    const b = Buffer.alloc(4 * values.length);
    values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
    return this.raw(b);
  }
  float64(...values: number[]) {
    const b = Buffer.alloc(8 * values.length);
    values.forEach((v, i) => b.writeDoubleLE(v, 8 * i));
    return this.raw(b);
  }
  /** A fixed-width field: the text cut or padded (with spaces unless told) to `length` bytes. */
  fixed(text: string | Buffer, length: number, pad = 0x20) {
    const b = Buffer.alloc(length, pad);
    (typeof text === "string" ? utf8Within(text, length) : text.subarray(0, length)).copy(b);
    return this.raw(b);
  }
  raw(b: Buffer) {
    this.parts.push(b);
    return this;
  }
  /** An informational record (type 7) of `subtype` holding `body`. */
  record7(subtype: number, size: number, body: Buffer) {
    return this.int32(7, subtype, size, body.length / size).raw(body);
  }
  concat() {
    return Buffer.concat(this.parts);
  }
}

/**
 * Simple bytecode compression: eight command bytes, then the 8-byte values they announce. Small
 * integers (-99..151, every missing code among them) take one byte, blank 8-byte runs of strings one.
 */
class Compressor {
  private out = Buffer.alloc(1 << 16);
  private length = 0;
  /** Where the current block's eight command bytes are, and how many are used. */
  private block = 0;
  private count = 8;
  /** One string cell, padded with spaces, before it is cut into 8-byte units. */
  private scratch = Buffer.alloc(0);

  private room(bytes: number) {
    if (this.length + bytes <= this.out.length) return;
    const grown = Buffer.alloc(Math.max(this.out.length * 2, this.length + bytes));
    this.out.copy(grown, 0, 0, this.length);
    this.out = grown;
  }
  /** A command byte; a new block of eight starts (zero-filled: code 0 is ignored) when one is full. */
  private command(code: number) {
    if (this.count === 8) {
      this.room(8);
      this.block = this.length;
      this.out.fill(0, this.length, this.length + 8);
      this.length += 8;
      this.count = 0;
    }
    this.out[this.block + this.count++] = code;
  }
  number(v: number) {
    if (v === SYSMIS) return this.command(255);
    if (Number.isInteger(v) && v >= 1 - BIAS && v <= 251 - BIAS) return this.command(v + BIAS);
    this.command(253);
    this.room(8);
    this.length = this.out.writeDoubleLE(v, this.length);
  }
  /** A string cell: its bytes (at most `width`), in segments of 255, each padded to its 8-byte allocation. */
  string(text: string, width: number, segments: number[]) {
    const allocated = segments.length === 1 ? roundUp8(width) : segments.reduce((sum, w) => sum + roundUp8(w), 0);
    if (this.scratch.length < allocated) this.scratch = Buffer.alloc(allocated);
    const b = this.scratch;
    b.fill(0x20, 0, allocated);
    if (segments.length === 1) b.write(text, 0, width, "utf8");
    else {
      const bytes = utf8Within(text, width);
      let at = 0;
      segments.forEach((w, s) => {
        const from = s * SEGMENT_BYTES;
        if (from < bytes.length) bytes.copy(b, at, from, Math.min(bytes.length, from + SEGMENT_BYTES));
        at += roundUp8(w);
      });
    }
    for (let at = 0; at < allocated; at += 8) {
      if (b.readUInt32LE(at) === 0x20202020 && b.readUInt32LE(at + 4) === 0x20202020) this.command(254);
      else {
        this.command(253);
        this.room(8);
        this.length += b.copy(this.out, this.length, at, at + 8);
      }
    }
  }
  /** Everything compressed so far, up to the last complete block; at the end, with the end-of-file code. */
  take(end = false): Buffer {
    if (end) this.command(252);
    // A block whose commands are not all written yet stays, with its values, for the next take.
    const upTo = end || this.count === 8 ? this.length : this.block;
    const chunk = Buffer.from(this.out.subarray(0, upTo));
    this.out.copy(this.out, 0, upTo, this.length);
    this.length -= upTo;
    this.block -= upTo;
    return chunk;
  }
}

/** What the first pass over the rows learns: each string's width in bytes and each number's display. */
interface Measured {
  cases: number;
  widths: number[];
  numberChars: number[];
  decimals: number[];
}

async function measure(variables: SavVariable[], rows: AsyncIterable<SavCell[][]>): Promise<Measured> {
  const m: Measured = {
    cases: 0,
    widths: variables.map(() => 1),
    numberChars: variables.map(() => 1),
    decimals: variables.map(() => 0),
  };
  for await (const batch of rows) {
    m.cases += batch.length;
    for (const row of batch) {
      for (let i = 0; i < variables.length; i++) {
        const cell = row[i] ?? "";
        const type = variables[i]!.type;
        if (type === "string") {
          const text = String(cell);
          // A UTF-16 unit takes at most 3 bytes in UTF-8: most cells need no counting.
          if (text.length * 3 <= m.widths[i]!) continue;
          const bytes = Buffer.byteLength(text);
          if (bytes > m.widths[i]!) m.widths[i] = Math.min(bytes, SAV_LIMITS.stringBytes);
        } else if (type === "numeric" && cell !== "") {
          const n = numberOf(cell);
          // Whole numbers of up to 7 digits fit the narrowest format (8): no text needed.
          if (Number.isInteger(n) && Math.abs(n) < 1e7) continue;
          const text = String(n);
          const point = text.indexOf(".");
          m.numberChars[i] = Math.max(m.numberChars[i]!, text.length);
          if (point >= 0 && !text.includes("e")) m.decimals[i] = Math.max(m.decimals[i]!, text.length - point - 1);
        }
      }
    }
  }
  return m;
}

interface Layout {
  variable: SavVariable;
  width: number;
  /** Short names of each segment (one unless a very long string). */
  shortNames: string[];
  segments: number[];
  format: number;
  displayWidth: number;
}

/** Unique 8-byte upper-case short names; later segments and clashes get a numbered name. */
function shortNamer() {
  const used = new Set<string>();
  let counter = 0;
  return (name: string, forceNumbered = false): string => {
    const base = name.toUpperCase().slice(0, 8);
    if (!forceNumbered && !used.has(base)) {
      used.add(base);
      return base;
    }
    for (;;) {
      const suffix = String(++counter);
      const candidate = base.slice(0, 8 - suffix.length) + suffix;
      if (!used.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  };
}

const formatCode = (type: number, width: number, decimals: number) => (type << 16) | (width << 8) | decimals;

function layoutOf(variables: SavVariable[], m: Measured): Layout[] {
  const seen = new Set<string>();
  const shortName = shortNamer();
  return variables.map((variable, i) => {
    const problem = savNameProblem(variable.name);
    if (problem) throw new Error(`${variable.name} cannot be an SPSS variable name: ${problem}`);
    if (seen.has(variable.name.toUpperCase())) throw new Error(`${variable.name} is named twice (SPSS ignores case)`);
    seen.add(variable.name.toUpperCase());
    if (variable.type === "string") {
      const width = m.widths[i]!;
      const segments = segmentWidths(width);
      return {
        variable,
        width,
        segments,
        shortNames: segments.map((_, s) => shortName(variable.name, s > 0)),
        format: formatCode(FORMAT.A, Math.min(width, SEGMENT_BYTES), 0),
        displayWidth: Math.min(Math.max(width, 8), 40),
      };
    }
    const decimals = Math.min(m.decimals[i]!, 16);
    const fieldWidth = Math.min(Math.max(m.numberChars[i]!, 8), 40);
    return {
      variable,
      width: 0,
      segments: [0],
      shortNames: [shortName(variable.name)],
      format: variable.type === "date" ? formatCode(FORMAT.DATE, 11, 0) : formatCode(FORMAT.F, fieldWidth, decimals),
      displayWidth: variable.type === "date" ? 11 : fieldWidth,
    };
  });
}

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, " ").trim();

function creationStamp(date: Date): { day: string; time: string } {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number) => String(n).padStart(2, "0");
  return {
    day: `${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${two(date.getUTCFullYear() % 100)}`,
    time: `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`,
  };
}

/** The value labels a variable can carry: numbers for numbers, strings no wider than its values. */
function valueLabelsOf(l: Layout): SavVariable["valueLabels"] {
  return l.variable.valueLabels.filter((v) =>
    l.width ? typeof v.code === "string" && Buffer.byteLength(v.code) <= l.width : typeof v.code === "number",
  );
}

function missingValues(variable: SavVariable): { n: number; values: number[] } {
  const codes = [...new Set(variable.missing)].sort((a, b) => a - b);
  if (variable.type === "string" || !codes.length) return { n: 0, values: [] };
  // Three discrete values at most; more become the range that holds them.
  return codes.length <= 3 ? { n: codes.length, values: codes } : { n: -2, values: [codes[0]!, codes.at(-1)!] };
}

/** Everything before the data: header, variables, value labels, informational records, termination. */
export function savDictionary(layouts: Layout[], cases: number, options: SavOptions = {}): Buffer {
  const out = new Bytes();
  const units = layouts.reduce((sum, l) => sum + l.segments.reduce((s, w) => s + (w ? roundUp8(w) / 8 : 1), 0), 0);
  const { day, time } = creationStamp(options.created ?? new Date());
  out
    .fixed("$FL2", 4)
    .fixed("@(#) SPSS DATA FILE Consulta", 60)
    .int32(2, units, 1, 0, cases)
    .float64(BIAS)
    .fixed(day, 9)
    .fixed(time, 8)
    .fixed(oneLine(options.fileLabel ?? ""), 64)
    .fixed("", 3, 0);

  /** The dictionary index (1-based, counting every variable record) of each variable's first segment. */
  const indexes: number[] = [];
  let index = 1;
  for (const l of layouts) {
    indexes.push(index);
    l.segments.forEach((segmentWidth, s) => {
      const first = s === 0;
      const label = first ? utf8Within(oneLine(l.variable.label), SAV_LIMITS.variableLabelBytes) : Buffer.alloc(0);
      const missing = first ? missingValues(l.variable) : { n: 0, values: [] };
      const format = l.width ? formatCode(FORMAT.A, segmentWidth, 0) : l.format;
      out.int32(2, segmentWidth, label.length ? 1 : 0, missing.n, format, format).fixed(l.shortNames[s]!, 8);
      if (label.length) out.int32(label.length).fixed(label, Math.ceil(label.length / 4) * 4);
      if (missing.values.length) out.float64(...missing.values);
      index++;
      // A string wider than 8 bytes continues in one dummy record per further 8 bytes.
      for (let more = 1; more < roundUp8(segmentWidth) / 8; more++) {
        out.int32(2, -1, 0, 0, 0, 0).fixed("", 8);
        index++;
      }
    });
  }

  // Labels of numbers and of strings up to 8 bytes; longer strings' labels go in record 7.21.
  const longStringLabels = new Bytes();
  layouts.forEach((l, i) => {
    const labels = valueLabelsOf(l);
    if (!labels.length) return;
    if (l.width > 8) {
      const name = Buffer.from(l.variable.name, "utf8");
      longStringLabels.int32(name.length).raw(name).int32(l.width, labels.length);
      for (const v of labels) {
        const text = utf8Within(oneLine(v.label), SAV_LIMITS.valueLabelBytes);
        longStringLabels.int32(l.width).fixed(String(v.code), l.width).int32(text.length).raw(text);
      }
      return;
    }
    out.int32(3, labels.length);
    for (const v of labels) {
      if (typeof v.code === "number") out.float64(v.code);
      else out.fixed(v.code, 8);
      const text = utf8Within(oneLine(v.label), SAV_LIMITS.valueLabelBytes);
      out.raw(Buffer.from([text.length])).fixed(text, roundUp8(text.length + 1) - 1);
    }
    out.int32(4, 1, indexes[i]!);
  });

  // 7.3: release 1.0.0, machine -1, IEEE 754, compression 1, little-endian, UTF-8.
  out.record7(3, 4, new Bytes().int32(1, 0, 0, -1, 1, 1, 2, 65001).concat());
  const lowest = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0xff]);
  out.record7(4, 8, new Bytes().float64(SYSMIS, Number.MAX_VALUE).raw(lowest).concat());
  // 7.11: measure, display width and alignment, one set per segment.
  const display = new Bytes();
  for (const l of layouts) l.segments.forEach(() => display.int32(MEASURE[l.variable.level], l.displayWidth, l.width ? 0 : 1));
  out.record7(11, 4, display.concat());
  out.record7(13, 1, Buffer.from(layouts.map((l) => `${l.shortNames[0]}=${l.variable.name}`).join("\t"), "utf8"));
  const veryLong = layouts.filter((l) => l.segments.length > 1);
  if (veryLong.length)
    out.record7(
      14,
      1,
      Buffer.from(veryLong.map((l) => `${l.shortNames[0]}=${String(l.width).padStart(5, "0")}\0\t`).join(""), "latin1"),
    );
  out.record7(20, 1, Buffer.from("UTF-8", "latin1"));
  const longLabels = longStringLabels.concat();
  if (longLabels.length) out.record7(21, 1, longLabels);
  out.int32(999, 0);
  return out.concat();
}

/**
 * The .sav file, chunk by chunk: a first pass over the rows measures string widths and counts the
 * cases, a second writes them (so `rows` is called twice). Rows are cells in the order of `variables`.
 * Rows that differ between the passes are not expected: cases added are left out, strings grown are cut.
 */
export async function* savFile(
  variables: SavVariable[],
  rows: () => AsyncIterable<SavCell[][]>,
  options: SavOptions = {},
): AsyncGenerator<Uint8Array> {
  const measured = await measure(variables, rows());
  const layouts = layoutOf(variables, measured);
  yield savDictionary(layouts, measured.cases, options);
  const compressor = new Compressor();
  let left = measured.cases;
  for await (const batch of rows()) {
    for (const row of batch.slice(0, left)) {
      for (let i = 0; i < layouts.length; i++) {
        const { variable, width, segments } = layouts[i]!;
        const cell = row[i] ?? "";
        if (variable.type === "string") compressor.string(String(cell), width, segments);
        else compressor.number(variable.type === "date" ? spssDate(cell) : numberOf(cell));
      }
    }
    left -= Math.min(left, batch.length);
    const chunk = compressor.take();
    if (chunk.length) yield chunk;
  }
  yield compressor.take(true);
}
