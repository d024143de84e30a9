import type { Cell } from "~/engine/dataset-model";
import { MISSING, type MissingCode } from "~/engine/missing";
import type { VariableDescription } from "./codebook";
import { EXTENDED_MISSING } from "./dta";

/** One data file and what a syntax file needs to read and label it. */
export interface SyntaxFile {
  title: string;
  variables: VariableDescription[];
  /** The data file the syntax reads (beside it). */
  dataFile: string;
  /** The file the syntax saves (SPSS, Stata). */
  outFile: string;
}

/** Numbers are numeric; codes of a list of strings (countries, status), texts, dates and identifiers are strings. */
export function isNumeric(variable: VariableDescription): boolean {
  switch (variable.type) {
    case "metadata":
      return variable.variable === "questionnaire_version" || variable.variable === "item";
    case "categorical":
      return !variable.values.some((v) => typeof v.code === "string");
    case "flag":
    case "count":
    case "number":
      return true;
    case "date":
    case "text":
      return false;
  }
}

/**
 * What the data hold, column by column: the longest value in UTF-8 bytes (as written, encoded) and
 * the most decimals of a number. Filled while the data file is written, read by the syntax after it.
 */
export interface ColumnMeasure {
  bytes: number[];
  decimals: number[];
  /** Every row has been measured: the data file was written to its end. */
  complete: boolean;
}

export const emptyMeasure = (): ColumnMeasure => ({ bytes: [], decimals: [], complete: false });

export function measureRow(measure: ColumnMeasure, row: Cell[]): void {
  row.forEach((cell, i) => {
    const text = String(cell);
    measure.bytes[i] = Math.max(measure.bytes[i] ?? 0, Buffer.byteLength(text));
    if (typeof cell === "number") {
      const point = text.indexOf(".");
      measure.decimals[i] = Math.max(measure.decimals[i] ?? 0, point < 0 ? 0 : text.length - point - 1);
    }
  });
}

/**
 * SPSS reads delimited text a line at a time, so a line break inside an answer would split a case.
 * Its data file writes a backslash as \b, a carriage return as \r and a line feed as \n: every
 * backslash then starts one of these pairs, so the syntax restores \n and \r first and \b last,
 * without ambiguity, using only REPLACE and STRING(code, PIB1) for the control characters (both in
 * GNU PSPP and IBM SPSS).
 */
const SPSS_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\b", "\r": "\\r", "\n": "\\n" };
export const encodeForSpss = (cell: Cell): Cell =>
  typeof cell === "string" ? cell.replace(/[\\\r\n]/g, (c) => SPSS_ESCAPES[c]!) : cell;

/** The start of `text` that fits in `bytes` of UTF-8, never cutting a character. */
export function truncateBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let out = "";
  let used = 0;
  for (const char of text) {
    used += Buffer.byteLength(char);
    if (used > bytes) break;
    out += char;
  }
  return out;
}

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, " ");

/** Words in lines of at most about 80 characters (older SPSS versions read syntax lines of 256 bytes at most). */
function wrap(words: string[], indent: string, joiner = "\n"): string {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + word.length + 1 > 78) {
      lines.push(line);
      line = "";
    }
    line = line ? `${line} ${word}` : `${indent}${word}`;
  }
  if (line) lines.push(line);
  return lines.join(joiner);
}

// SPSS: variable labels hold 256 bytes, value labels 120; PSPP warns when it has to cut them.
const SPSS_VARIABLE_LABEL_BYTES = 255;
const SPSS_VALUE_LABEL_BYTES = 120;
const SPSS_MAX_STRING = 32767;
const spssString = (s: string) => `"${oneLine(s).replace(/"/g, '""')}"`;
const spssLevel = { nominal: "NOMINAL", ordinal: "ORDINAL", scale: "SCALE" } as const;

/** A variable's SPSS formats: the input format (never implied decimals) and the display format. */
function spssFormats(v: VariableDescription, index: number, measure: ColumnMeasure) {
  const bytes = measure.bytes[index] ?? 0;
  if (isNumeric(v)) {
    const decimals = measure.decimals[index] ?? 0;
    const width = Math.min(40, Math.max(8, bytes, decimals + 2));
    return { input: `F${width}.0`, display: `F${width}.${decimals}`, width };
  }
  // Wide enough for the longest value present and for every labelled code.
  const codes = [...v.values, ...v.missing].map((x) => Buffer.byteLength(String(x.code)));
  const width = Math.min(SPSS_MAX_STRING, Math.max(1, bytes, ...codes));
  return { input: `A${width}`, display: `A${width}`, width };
}

/**
 * SPSS syntax (GNU PSPP and IBM SPSS) that reads the SPSS data file (line breaks encoded, see
 * encodeForSpss), restores the text, labels variables and values, declares the missing codes of
 * numeric variables, sets measurement levels and saves a zlib-compressed .zsav. Strings get no MISSING VALUES: a
 * .sav whose long strings carry them does not open in ReadStat or haven; their codes stay labelled.
 */
export function spssSyntax(file: SyntaxFile, measure: ColumnMeasure): string {
  // Widths from a half-read file would cut answers: the data file must be written first.
  if (!measure.complete) throw new Error(`${file.dataFile} must be written before its syntax`);
  const { variables } = file;
  const formats = variables.map((v, i) => spssFormats(v, i, measure));
  const lines: string[] = [
    `* ${oneLine(file.title)}.`,
    "* Generated by Consulta from the codebook. Encoding: UTF-8.",
    `* Reads ${file.dataFile}: the coded data, with line breaks inside answers written as \\n and \\r and backslashes as \\b (restored below).`,
    "* Run it from the folder that holds the data file, or CD to that folder first.",
    "",
    "SET LOCALE='UTF-8'.",
    "GET DATA /TYPE=TXT",
    `  /FILE=${spssString(file.dataFile)}`,
    "  /ENCODING='UTF8'",
    '  /DELIMITERS=","',
    "  /QUALIFIER='\"'",
    "  /ARRANGEMENT=DELIMITED",
    "  /FIRSTCASE=2",
    "  /VARIABLES=",
    ...variables.map((v, i) => `    ${v.variable} ${formats[i]!.input}`),
    ".",
  ];
  const texts = variables.filter((v) => v.type === "text");
  if (texts.length) {
    lines.push("", "* Line breaks and backslashes inside answers.");
    for (const { variable } of texts) {
      lines.push(
        `COMPUTE ${variable} = REPLACE(${variable}, "\\n", STRING(10, PIB1)).`,
        `COMPUTE ${variable} = REPLACE(${variable}, "\\r", STRING(13, PIB1)).`,
        `COMPUTE ${variable} = REPLACE(${variable}, "\\b", "\\").`,
      );
    }
  }
  const decimals = variables.filter((v, i) => formats[i]!.display !== formats[i]!.input);
  if (decimals.length) {
    lines.push("", "FORMATS");
    lines.push(decimals.map((v) => `  ${v.variable} (${formats[variables.indexOf(v)]!.display})`).join("\n  /") + ".");
  }
  lines.push("", "VARIABLE LABELS");
  lines.push(
    variables.map((v) => `  ${v.variable} ${spssString(truncateBytes(v.label, SPSS_VARIABLE_LABEL_BYTES))}`).join("\n  /") + ".",
  );
  const labelled = variables.filter((v) => v.values.length || v.missing.length);
  if (labelled.length) {
    lines.push("", "VALUE LABELS");
    lines.push(
      labelled
        .map((v) => {
          const numeric = isNumeric(v);
          const pairs = [...v.values, ...v.missing].map(
            (x) =>
              `    ${numeric ? x.code : spssString(String(x.code))} ${spssString(truncateBytes(x.label, SPSS_VALUE_LABEL_BYTES))}`,
          );
          return `  ${v.variable}\n${pairs.join("\n")}`;
        })
        .join("\n  /") + ".",
    );
  }
  const withMissing = variables.filter((v) => v.missing.length && isNumeric(v));
  if (withMissing.length) {
    lines.push("", "MISSING VALUES");
    // SPSS takes at most three discrete missing values; a range covers a theme column's four codes.
    lines.push(
      withMissing
        .map((v) => {
          const codes = v.missing.map((m) => Number(m.code));
          return `  ${v.variable} (${codes.length <= 3 ? codes.join(", ") : `LO THRU ${Math.max(...codes)}`})`;
        })
        .join("\n  /") + ".",
    );
  }
  lines.push("", "VARIABLE LEVEL");
  // A string cannot be scale in SPSS: dates and identifiers read as strings stay nominal.
  const level = (v: VariableDescription) => (v.level === "scale" && !isNumeric(v) ? "nominal" : v.level);
  lines.push(
    (["nominal", "ordinal", "scale"] as const)
      .map((l) => ({ l, names: variables.filter((v) => level(v) === l).map((v) => v.variable) }))
      .filter(({ names }) => names.length)
      .map(({ l, names }) => `${wrap(names, "  ")} (${spssLevel[l]})`)
      .join("\n  /") + ".",
  );
  // zlib compression (SPSS 21+, PSPP, ReadStat, haven): fixed-width strings as wide as the longest answer are mostly padding.
  lines.push("", "EXECUTE.", `SAVE OUTFILE=${spssString(file.outFile)} /ZCOMPRESSED.`, "");
  return lines.join("\n");
}

/**
 * Stata's extended missing values for the codes, in the .do file and the native .dta alike:
 * numeric variables hold .a–.e instead of the negative codes, labelled as in the codebook.
 */
export const STATA_MISSING: Readonly<Record<MissingCode, string>> = Object.fromEntries(
  Object.entries(EXTENDED_MISSING).map(([code, letter]) => [code, `.${letter}`]),
) as Record<MissingCode, string>;

const STATA_VARIABLE_LABEL_CHARS = 80;

/**
 * A Stata compound-quoted string: `"..."' holds any quote; a ` or $ would expand a macro, so each is
 * escaped with \; the closing sequence "' cannot appear inside, so its quote is spaced off.
 */
export const stataString = (s: string) =>
  `\`"${oneLine(s)
    .replace(/([`$])/g, "\\$1")
    .replace(/"'/g, "\" '")}"'`;

/**
 * A Stata .do file that imports the coded CSV (quoted line breaks bound by bindquote(strict); the
 * header row, which starts with a byte-order mark, is skipped and the columns renamed), labels
 * variables and values, turns the missing codes of numeric variables into extended missing values
 * (STATA_MISSING), compresses and saves a .dta.
 */
export function stataSyntax(file: SyntaxFile): string {
  const { variables } = file;
  const columns = (numeric: boolean) =>
    variables.flatMap((v, i) => (isNumeric(v) === numeric ? [String(i + 1)] : [])).join(" ") || "";
  const stringCols = columns(false);
  const numericCols = columns(true);
  const lines: string[] = [
    `* ${oneLine(file.title)}`,
    "* Generated by Consulta from the codebook. Encoding: UTF-8.",
    `* Reads ${file.dataFile} from the current folder (cd to it first) and saves ${file.outFile}.`,
    `* Missing codes of numeric variables become extended missing values: ${Object.entries(STATA_MISSING)
      .map(([code, mv]) => `${mv} = ${code}`)
      .join(", ")}; text variables keep the codes as text.`,
    "version 16",
    "clear",
    `import delimited using ${stataString(file.dataFile)}, encoding("utf-8") delimiters(",") bindquote(strict) maxquotedrows(unlimited) varnames(nonames) rowrange(2) asdouble ///`,
    `  ${[stringCols && `stringcols(${stringCols})`, numericCols && `numericcols(${numericCols})`].filter(Boolean).join(" ")} clear`,
    "rename ( ///",
    wrap(
      variables.map((_, i) => `v${i + 1}`),
      "  ",
      " ///\n",
    ) + " ///",
    ") ( ///",
    wrap(
      variables.map((v) => v.variable),
      "  ",
      " ///\n",
    ) + " ///",
    ")",
    "",
  ];
  for (const v of variables) {
    lines.push(`label variable ${v.variable} ${stataString(truncateChars(v.label, STATA_VARIABLE_LABEL_CHARS))}`);
  }
  const withMissing = variables.filter((v) => isNumeric(v) && v.missing.length);
  if (withMissing.length) {
    const codes = [...new Set(withMissing.flatMap((v) => v.missing.map((m) => Number(m.code) as MissingCode)))];
    lines.push(
      "",
      "mvdecode ///",
      wrap(
        withMissing.map((v) => v.variable),
        "  ",
        " ///\n",
      ) + ", ///",
      `  mv(${codes.map((c) => `${c}=${STATA_MISSING[c]}`).join(" \\ ")})`,
    );
  }
  lines.push("");
  for (const v of variables.filter((x) => isNumeric(x) && (x.values.length || x.missing.length))) {
    const pairs = [
      ...v.values.map((x) => `${x.code} ${stataString(x.label)}`),
      ...v.missing.map((x) => `${STATA_MISSING[Number(x.code) as MissingCode]} ${stataString(x.label)}`),
    ];
    lines.push(`label define ${v.variable} ${pairs.join(" ")}, replace`, `label values ${v.variable} ${v.variable}`);
  }
  // Stata labels numbers only: the consultation's ids become codes 1, 2, … labelled with the consultations' names.
  const consultation = variables.find((v) => v.variable === "consultation" && v.values.length);
  if (consultation) {
    const numbered = (text: (x: { code: number | string; label: string }) => string) =>
      consultation.values.map((x, i) => `${i + 1} ${stataString(text(x))}`).join(" ");
    lines.push(
      "* The consultation column: its ids as labelled codes, named as the consultations are.",
      `label define consultation ${numbered((x) => String(x.code))}, replace`,
      "encode consultation, generate(consultation_code) label(consultation) noextend",
      `label define consultation ${numbered((x) => x.label)}, modify`,
      "order consultation_code, after(consultation)",
      "drop consultation",
      "rename consultation_code consultation",
      `label variable consultation ${stataString(truncateChars(consultation.label, STATA_VARIABLE_LABEL_CHARS))}`,
    );
  }
  lines.push(
    "",
    `label data ${stataString(truncateChars(file.title, STATA_VARIABLE_LABEL_CHARS))}`,
    "compress",
    `save ${stataString(file.outFile)}, replace`,
    "",
  );
  return lines.join("\n");
}

const truncateChars = (text: string, chars: number) => [...oneLine(text)].slice(0, chars).join("");

/** An R string literal in ASCII: other characters as \u escapes, so the script reads the same in any locale. */
export const rString = (s: string) =>
  `"${[...oneLine(s)]
    .map((c) => {
      if (c === "\\" || c === '"') return `\\${c}`;
      const cp = c.codePointAt(0)!;
      if (cp >= 0x20 && cp < 0x7f) return c;
      return cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
    })
    .join("")}"`;

/**
 * An R script (base R only) that reads the coded CSV (quoted line breaks are read as they are),
 * turns missing codes into NA (or keeps them as labelled levels), makes factors of coded
 * variables (ordered for a rating scale) and labels every variable.
 */
export function rScript(file: SyntaxFile): string {
  const { variables } = file;
  const lines: string[] = [
    `# ${oneLine(file.title)}`,
    "# Generated by Consulta from the codebook.",
    `# Reads ${file.dataFile} from the working directory (setwd() to its folder first).`,
    `# Missing-value codes: ${MISSING.noAnswer} shown but not answered, ${MISSING.notShown} not shown (skip logic) or not applicable, ${MISSING.dontKnow} don't know, ${MISSING.notCoded} not coded yet, ${MISSING.notApplicable} not relevant here (a grid's row), ${MISSING.notAsked} not asked in the response's version of the questionnaire.`,
    "# Set missing_as_na to FALSE to keep them as labelled levels.",
    "missing_as_na <- TRUE",
    `na_codes <- c(${Object.values(MISSING).join(", ")})`,
    "",
  ];
  // encoding marks the text as UTF-8 without converting it to the session's locale (which may not hold it);
  // the header row, which starts with a byte-order mark, is replaced by the names.
  lines.push(
    `d <- read.csv(${rString(file.dataFile)}, encoding = "UTF-8", na.strings = character(0), check.names = FALSE,`,
    "  col.names = c(",
    `${wrap(
      variables.map((v, i) => rString(v.variable) + (i < variables.length - 1 ? "," : "")),
      "    ",
    )}),`,
    "  colClasses = c(",
    `${wrap(
      variables.map((v, i) => rString(isNumeric(v) ? "numeric" : "character") + (i < variables.length - 1 ? "," : "")),
      "    ",
    )}))`,
    "",
    "# Missing codes are NA, or levels after the values (never inside an ordered scale).",
    "label_codes <- function(x, levels, labels, missing_levels = c(), missing_labels = c(), ordered = FALSE) {",
    "  if (missing_as_na) {",
    "    x[x %in% missing_levels] <- NA",
    "    return(factor(x, levels = levels, labels = labels, ordered = ordered))",
    "  }",
    "  factor(x, levels = c(levels, missing_levels), labels = c(labels, missing_labels), ordered = ordered)",
    "}",
    "",
  );
  for (const v of variables) {
    const numeric = isNumeric(v);
    const code = (x: { code: number | string }) => (numeric ? String(x.code) : rString(String(x.code)));
    if (v.values.length) {
      const vector = (xs: string[]) => `c(${xs.join(", ")})`;
      const ordered = v.level === "ordinal" ? ", ordered = TRUE" : "";
      lines.push(
        `d$${v.variable} <- label_codes(d$${v.variable}, ${vector(v.values.map(code))}, ${vector(v.values.map((x) => rString(x.label)))}, ` +
          `${vector(v.missing.map(code))}, ${vector(v.missing.map((x) => rString(x.label)))}${ordered})`,
      );
    } else if (v.missing.length) {
      lines.push(
        `if (missing_as_na) d$${v.variable}[d$${v.variable} %in% na_codes | d$${v.variable} %in% as.character(na_codes)] <- NA`,
      );
    }
    lines.push(`attr(d$${v.variable}, "label") <- ${rString(v.label)}`);
  }
  lines.push("");
  return lines.join("\n");
}
