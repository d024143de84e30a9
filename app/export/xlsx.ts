import type { Cell } from "~/engine/dataset-model";
import { zipStream, type ZipEntry } from "./zip";

/**
 * A spreadsheet workbook (Office Open XML), written as it goes through the app's streaming zip.
 * exceljs 4.4's "streaming" WorkbookWriter packs with JSZip, which holds every sheet until the
 * end (275 MB of memory for 40,000 rows of 80 columns), so the few parts a workbook needs are
 * written here; exceljs reads the result back in the tests, with LibreOffice.
 *
 * Text is an inline string, never a formula: a cell starting with "=" stays text. Numbers are numbers.
 */

export interface Sheet {
  /** At most 31 characters, none of \ / ? * [ ] : (Excel's rules). */
  name: string;
  header: string[];
  /** Column widths in characters, one per header cell. */
  widths: number[];
  rows: () => AsyncIterable<Cell[][]>;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The column letters of a 1-based index: 1 -> A, 27 -> AA. */
export function columnLetters(index: number): string {
  let letters = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const XML_SPECIAL = /[&<>\r]/g;
// A carriage return as a character reference: an XML parser would fold a literal one into the line feed.
const XML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
// Characters XML 1.0 cannot carry at all are written as the format's _xHHHH_ escapes (ECMA-376
// ST_Xstring), which Excel and Calc decode; text that already reads like one gets its underscore
// escaped, so it comes back as typed.
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- these characters are what the pattern is for
  /_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const hex = (c: string) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;

/** Text as the content of an XML element of a workbook, exactly as typed when read back. */
export function xmlText(text: string): string {
  return text.replace(NEEDS_ESCAPE, hex).replace(XML_SPECIAL, (c) => XML_ENTITY[c]!);
}

// Every cell carries its reference: some readers (exceljs among them) place cells only by it.
function cellXml(cell: Cell, ref: string): string {
  if (typeof cell === "number") return Number.isFinite(cell) ? `<c r="${ref}"><v>${cell}</v></c>` : "";
  if (cell === "") return "";
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(cell)}</t></is></c>`;
}

function rowXml(cells: Cell[], letters: string[], row: number, style = "") {
  let xml = `<row r="${row}"${style}>`;
  for (let i = 0; i < cells.length; i++) xml += cellXml(cells[i]!, letters[i]! + row);
  return `${xml}</row>`;
}

async function* sheetXml(sheet: Sheet, rowCount: (n: number) => void): AsyncGenerator<string> {
  const letters = sheet.header.map((_, i) => columnLetters(i + 1));
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  yield (
    `${XML_HEAD}<worksheet ${NS} xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>` +
    // The header row in bold (style 1), as the filter buttons sit on it.
    rowXml(sheet.header, letters, 1, ' s="1" customFormat="1"')
  );
  let row = 1;
  for await (const batch of sheet.rows()) {
    let chunk = "";
    for (const cells of batch) chunk += rowXml(cells, letters, ++row);
    if (chunk) yield chunk;
  }
  rowCount(row);
  yield `</sheetData>${autoFilter(sheet, row)}</worksheet>`;
}

const filterRange = (sheet: Sheet, rows: number) => `A1:${columnLetters(Math.max(sheet.header.length, 1))}${rows}`;
const autoFilter = (sheet: Sheet, rows: number) => `<autoFilter ref="${filterRange(sheet, rows)}"/>`;
const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
const absolute = (range: string) => range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");

async function* once(text: string) {
  yield text;
}

/** The workbook's bytes, sheet by sheet; the workbook part comes last, when every sheet's length is known. */
export function xlsxStream(sheets: Sheet[]): AsyncGenerator<Uint8Array> {
  const rows = new Map<number, number>();
  const sheetParts: ZipEntry[] = sheets.map((sheet, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    chunks: () => sheetXml(sheet, (n) => rows.set(i, n)),
    // Sheet XML repeats itself so much that the fastest level still shrinks it about tenfold.
    level: 1,
  }));
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join("");
  const fixed: ZipEntry[] = [
    {
      name: "[Content_Types].xml",
      chunks: () =>
        once(
          `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
            `${overrides}</Types>`,
        ),
    },
    {
      name: "_rels/.rels",
      chunks: () =>
        once(
          `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
            `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
    },
    {
      name: "xl/styles.xml",
      chunks: () =>
        once(
          `${XML_HEAD}<styleSheet ${NS}>` +
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
        ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      chunks: () =>
        once(
          `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
            sheets
              .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
              .join("") +
            `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
        ),
    },
  ];
  const workbook: ZipEntry = {
    name: "xl/workbook.xml",
    chunks: () =>
      once(
        `${XML_HEAD}<workbook ${NS} xmlns:r="${REL_NS}"><sheets>` +
          sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
          "</sheets><definedNames>" +
          // Excel finds a sheet's filter range by this name.
          sheets
            .map(
              (s, i) =>
                `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(
                  `${quotedSheet(s.name)}!${absolute(filterRange(s, rows.get(i) ?? 1))}`,
                )}</definedName>`,
            )
            .join("") +
          "</definedNames></workbook>",
      ),
  };
  return zipStream([...fixed, ...sheetParts, workbook]);
}

/** A sheet name Excel accepts: its forbidden characters dropped, at most 31 characters. */
export const sheetName = (name: string) => name.replace(/[\\/?*[\]:]/g, "_").slice(0, 31);
