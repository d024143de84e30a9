/**
 * Where a locale file's JSON breaks, in the terms a translator can act on: line, column and,
 * for the usual slips, what to do. V8 only gives a character position ("at position 15") and
 * blames a missing comma for an unescaped straight quote, so this looks at the text around it.
 * Pure: the caller reads the file.
 */

export interface JsonProblem {
  /** 1-based, as editors count. */
  line: number;
  column: number;
  /** The parser's message, without its "at position N". */
  message: string;
  /** What probably went wrong, in plain words, when the text around says so. */
  hint?: string;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number; lineStart: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1, lineStart };
}

function hintAt(text: string, offset: number, message: string): string | undefined {
  const { lineStart } = lineAndColumn(text, offset);
  const lineEnd = text.indexOf("\n", offset) === -1 ? text.length : text.indexOf("\n", offset);
  const before = text.slice(lineStart, offset);
  const rest = text.slice(offset, lineEnd);
  const previous = text.slice(0, offset).trimEnd();
  // `"label": "Say "hi" now"`: the text's closing quote came early and more of it follows on the line.
  if (/"\s*:\s*"[^"]*"$/.test(before) && rest.trim() !== "" && !/^[,}\]]/.test(rest.trimStart())) {
    return 'A straight double quote " inside a text ends it too early: write typographic quotes (“ ”, « ») or \\" instead.';
  }
  if (/property name/.test(message) && previous.endsWith(",")) {
    const { line } = lineAndColumn(text, previous.length - 1);
    return `Remove the comma at the end of line ${line}: the last line of a group has none.`;
  }
  if (rest.trimStart().startsWith('"') && /[^\s,{[]$/.test(previous) && text.slice(previous.length, offset).includes("\n")) {
    const { line } = lineAndColumn(text, previous.length - 1);
    return `A comma is missing at the end of line ${line}.`;
  }
  if (offset >= text.trimEnd().length) return "The file ends too early: a closing brace } or quote is missing.";
  return undefined;
}

/** Locates a `JSON.parse` error in the text it failed on. */
export function locateJsonError(text: string, error: unknown): JsonProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(raw);
  const offset = position ? Number(position[1]) : text.length;
  const { line, column } = lineAndColumn(text, offset);
  const message = raw
    .replace(/\s*in JSON at position \d+.*$/, "")
    .replace(/\s*\(line \d+ column \d+\)$/, "")
    .trim();
  const hint = hintAt(text, offset, message);
  return { line, column, message, ...(hint ? { hint } : {}) };
}

/** `locales/es/common.json:3:15: Expected ',' or '}' after property value. Hint…` */
export function formatJsonProblem(file: string, problem: JsonProblem): string {
  return `${file}:${problem.line}:${problem.column}: not valid JSON (${problem.message}).${problem.hint ? ` ${problem.hint}` : ""}`;
}
