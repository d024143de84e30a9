import { describe, expect, it } from "vitest";
import { formatJsonProblem, locateJsonError } from "./json-errors";

function problemOf(text: string) {
  try {
    JSON.parse(text);
  } catch (error) {
    return locateJsonError(text, error);
  }
  throw new Error("parsed");
}

describe("locateJsonError", () => {
  it("blames an unescaped straight quote, not a missing comma, with line and column", () => {
    const problem = problemOf('{\n  "a": "Pulse "Siguiente" para seguir",\n  "b": "x"\n}');
    expect(problem).toMatchObject({ line: 2, column: 16 });
    expect(problem.hint).toContain("straight double quote");
    expect(formatJsonProblem("locales/es/common.json", problem)).toMatch(/^locales\/es\/common\.json:2:16: not valid JSON/);
  });

  it("names the line that lacks its comma", () => {
    const problem = problemOf('{\n  "a": "x"\n  "b": "y"\n}');
    expect(problem).toMatchObject({ line: 3, column: 3 });
    expect(problem.hint).toBe("A comma is missing at the end of line 2.");
  });

  it("names the comma after the last line of a group", () => {
    expect(problemOf('{\n  "a": "x",\n}').hint).toContain("Remove the comma at the end of line 2");
  });

  it("says when the file ends too early", () => {
    expect(problemOf('{\n  "a": "x"').hint).toContain("ends too early");
  });
});
