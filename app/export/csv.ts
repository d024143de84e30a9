import Papa from "papaparse";

export interface CsvOptions {
  /** Prefix cells that start with = + - @ tab or CR with ' so spreadsheets do not run them (on by default). */
  neutraliseFormulas?: boolean;
  /** Start with a UTF-8 byte-order mark, for Excel (on by default). */
  bom?: boolean;
}

/** Rows as RFC 4180 CSV lines (CRLF, quoted where needed); numbers are never neutralised. */
export function csvRows(rows: Array<Array<string | number>>, options: CsvOptions = {}): string {
  if (!rows.length) return "";
  return `${Papa.unparse(rows, { newline: "\r\n", escapeFormulae: options.neutraliseFormulas !== false })}\r\n`;
}

export const bomFor = (options: CsvOptions) => (options.bom === false ? "" : "\uFEFF");
