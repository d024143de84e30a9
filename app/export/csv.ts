import Papa from "papaparse";

/**
 * A text cell a spreadsheet may run as a formula: after any leading white space (every Unicode
 * space, tabs, line breaks), separators (; ,) and double quotes, it starts with = + - @ or their
 * fullwidth forms (＝ ＋ － ＠), which Excel and LibreOffice also read as operators; or it starts
 * with a tab or carriage return. Papa.unparse gives such cells a leading ' and never tests numbers.
 */
export const FORMULA_TRIGGER = /^(?:[\s;,"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;

export interface CsvOptions {
  /** Prefix text cells that could run as formulas (see FORMULA_TRIGGER) with ' (on by default). */
  neutraliseFormulas?: boolean;
  /** Start with a UTF-8 byte-order mark, for Excel (on by default). */
  bom?: boolean;
}

/** Rows as RFC 4180 CSV lines (CRLF, quoted where needed); numbers are never neutralised. */
export function csvRows(rows: Array<Array<string | number>>, options: CsvOptions = {}): string {
  if (!rows.length) return "";
  return `${Papa.unparse(rows, { newline: "\r\n", escapeFormulae: options.neutraliseFormulas === false ? false : FORMULA_TRIGGER })}\r\n`;
}

export const bomFor = (options: CsvOptions) => (options.bom === false ? "" : "\uFEFF");
