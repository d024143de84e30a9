import fc from "fast-check";
import { strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { exportedZip } from "../../tests/support/export-zip";
import { questionnaireSchema } from "~/engine/definition";
import { MISSING } from "~/engine/missing";
import demoDefinition from "~/questionnaires/demo";
import preRegmDefinition from "~/questionnaires/pre-regm";
import type { VariableDescription } from "./codebook";
import {
  emptyMeasure,
  encodeForSpss,
  measureRow,
  rScript,
  spssSyntax,
  STATA_MISSING,
  stataString,
  stataSyntax,
  truncateBytes,
  type SyntaxFile,
} from "./syntax";

const variable = (over: Partial<VariableDescription> & Pick<VariableDescription, "variable" | "type">): VariableDescription => ({
  section: "s",
  label: `Label of ${over.variable}`,
  level: "nominal",
  values: [],
  skipRule: "",
  missing: [
    { code: MISSING.noAnswer, label: "No answer" },
    { code: MISSING.notShown, label: "Not shown" },
  ],
  personal: false,
  ...over,
});

const variables: VariableDescription[] = [
  variable({ variable: "response_id", type: "metadata", missing: [] }),
  variable({ variable: "story", type: "text", maxLength: 5000 }),
  variable({ variable: "likes", type: "categorical", values: [{ code: 1, label: "Yes" }] }),
  variable({ variable: "agree_r1", type: "categorical", level: "ordinal", values: [{ code: 1, label: "Disagree" }] }),
  variable({ variable: "share", type: "number", level: "scale" }),
  variable({ variable: "started", type: "date", level: "scale" }),
];
const file: SyntaxFile = { title: "T", variables, dataFile: "d-spss.csv", outFile: "d-spss.zsav" };
const measured = (rows: Array<Array<string | number>>) => {
  const measure = emptyMeasure();
  for (const row of rows) measureRow(measure, row.map(encodeForSpss));
  return { ...measure, complete: true };
};
const rows = [["00000000-0000-4000-8000-000000000001", "Mercado\r\nCentral", 1, 2, 25.5, "2019-06-30"]];

/** What the syntax's REPLACE commands do, in their order. */
const restore = (s: string) => s.replaceAll("\\n", "\n").replaceAll("\\r", "\r").replaceAll("\\b", "\\");

describe("the SPSS data file's encoding", () => {
  it("puts no line break in a cell and restores every text exactly", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("\\", "n", "r", "b", "\r", "\n", "a", "é", "😀") }), (text) => {
        const encoded = encodeForSpss(text) as string;
        expect(encoded).not.toMatch(/[\r\n]/);
        expect(restore(encoded)).toBe(text);
      }),
    );
  });
});

describe("SPSS syntax", () => {
  const sps = spssSyntax(file, measured(rows));

  it("reads the SPSS data file, whose line breaks are encoded, and restores them in text variables", () => {
    expect(sps).toContain('/FILE="d-spss.csv"');
    expect(sps).toContain(`COMPUTE story = REPLACE(story, "\\n", STRING(10, PIB1)).`);
    expect(sps).not.toMatch(/COMPUTE response_id/);
  });

  it("takes string widths from the data (UTF-8 bytes), not 4 × the longest text allowed", () => {
    expect(sps).toMatch(/^ {4}story A18$/m); // "Mercado\r\nCentral" encoded: 18 bytes
    expect(sps).toMatch(/^ {4}response_id A36$/m);
    expect(sps).not.toContain("A20000");
    // Wide enough for the missing codes it labels, even when none occurs.
    expect(sps).toMatch(/^ {4}started A10$/m);
    expect(spssSyntax(file, measured([["x", "é", 1, 1, 1, "-99"]]))).toMatch(/^ {4}story A3$/m);
  });

  it("reads numbers with no implied decimals and shows the decimals present", () => {
    expect(sps).toMatch(/^ {4}share F8\.0$/m);
    expect(sps).toMatch(/FORMATS\n {2}share \(F8\.1\)\./);
  });

  it("declares missing values on numeric variables only (ReadStat and haven refuse them on long strings)", () => {
    const missing = sps.split("MISSING VALUES")[1]!.split("\n\n")[0]!;
    expect(missing).toContain("likes (-99, -88)");
    expect(missing).toContain("share (-99, -88)");
    expect(missing).not.toMatch(/story|started|response_id/);
    // The codes of a text stay labelled.
    expect(sps.split("VALUE LABELS")[1]).toMatch(/story\n {4}"-99" "No answer"/);
  });

  it("sets the measurement level from the model; a string is never scale", () => {
    const level = sps.split("VARIABLE LEVEL")[1]!;
    expect(level).toMatch(/response_id story likes started \(NOMINAL\)/);
    expect(level).toMatch(/agree_r1 \(ORDINAL\)/);
    expect(level).toMatch(/share \(SCALE\)/);
  });

  it("cuts labels to what SPSS holds, never inside a character", () => {
    const long = spssSyntax(
      { ...file, variables: [variable({ variable: "q", type: "number", label: "é".repeat(300) })] },
      { ...emptyMeasure(), complete: true },
    );
    expect(long).toContain(`q "${"é".repeat(127)}"`);
    expect(truncateBytes("a😀", 4)).toBe("a");
  });

  it("is written only after its data file has been measured to the end", () => {
    expect(() => spssSyntax(file, emptyMeasure())).toThrow(/d-spss.csv must be written before its syntax/);
  });

  it("saves a zlib-compressed .zsav", () => expect(sps).toMatch(/SAVE OUTFILE="d-spss.zsav" \/ZCOMPRESSED\./));
});

describe("the R script", () => {
  const r = rScript({ ...file, dataFile: "d-coded.csv" });
  it("makes ordered factors of rating scales and plain factors of other codes", () => {
    expect(r).toMatch(/^d\$agree_r1 <- label_codes\(.*ordered = TRUE\)$/m);
    expect(r).toMatch(/^d\$likes <- label_codes\(d\$likes, c\(1\), c\("Yes"\), c\(-99, -88\), c\("No answer", "Not shown"\)\)$/m);
  });
  it("is ASCII, so it reads the same in any locale", () => {
    expect(rScript({ ...file, title: "Fruta 🍎 ñ" })).toMatch(/^# Fruta/);
    expect(rScript({ ...file, variables: [variable({ variable: "q", type: "number", label: "Año 🍎" })] })).toContain(
      'attr(d$q, "label") <- "A\\u00f1o \\U0001f34e"',
    );
  });
});

/** Logical lines of a .do file: continuations (///) joined, comments dropped. */
const doLines = (text: string) =>
  text
    .replace(/\s*\/\/\/\n\s*/g, " ")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("*"));

const STATA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
const COMPOUND = /`"((?:(?!"').)*)"'/g;
const COMMANDS = new Set(["version", "clear", "import", "rename", "label", "mvdecode", "compress", "save"]);

/** Checks every construct a generated .do uses, as far as can be done without Stata. */
function checkDo(text: string, names: string[]) {
  for (const line of doLines(text)) {
    const [command, sub, name] = line.split(/\s+/);
    expect(COMMANDS.has(command!), line).toBe(true);
    // Every string of a label is compound-quoted, with ` and $ escaped so no macro expands.
    const strings = [...line.matchAll(COMPOUND)].map((m) => m[1]!);
    for (const s of strings) expect(s.replace(/\\[`$]/g, ""), line).not.toMatch(/[`$]/);
    if (command === "label") {
      expect(["variable", "define", "values", "data"], line).toContain(sub);
      expect(line.replace(COMPOUND, ""), line).not.toContain('"');
      if (sub !== "data") expect(name, line).toMatch(STATA_NAME);
      if (sub === "variable" || sub === "data") expect([...strings[0]!].length, line).toBeLessThanOrEqual(80);
      if (sub === "define") {
        const codes = line.replace(COMPOUND, "").split(/\s+/).slice(3, -2);
        for (const code of codes) expect(code, line).toMatch(/^(-?\d+|\.[a-z])$/);
      }
    }
    if (command === "rename") {
      const [, from, to] = line.match(/^rename \(\s*(.*?)\s*\) \(\s*(.*?)\s*\)$/)!;
      expect(to!.split(" ")).toEqual(names);
      expect(from!.split(" ")).toEqual(names.map((_, i) => `v${i + 1}`));
      for (const n of names) expect(n).toMatch(STATA_NAME);
    }
    if (command === "mvdecode") {
      expect(line).toMatch(/, mv\((-\d+=\.[a-e])( \\ -\d+=\.[a-e])*\)$/);
      for (const [, code, mv] of line.matchAll(/(-\d+)=(\.[a-e])/g))
        expect(STATA_MISSING[Number(code) as keyof typeof STATA_MISSING]).toBe(mv);
    }
    if (command === "import") {
      expect(line).toMatch(/^import delimited using `"[^"]+"', .*bindquote\(strict\).*varnames\(nonames\) rowrange\(2\)/);
    }
  }
}

describe("the Stata .do file", () => {
  it("escapes what would end a compound quote or expand a macro", () => {
    expect(stataString('He said "hi" `x\' $HOME "\' end')).toBe('`"He said "hi" \\`x\' \\$HOME " \' end"\'');
  });

  it("maps the missing codes to the extended missing values the native .dta uses", () => {
    const text = stataSyntax(file);
    expect(text).toContain("mv(-99=.a \\ -88=.b)");
    expect(text).toMatch(/label define agree_r1 1 `"Disagree"' \.a `"No answer"' \.b `"Not shown"', replace/);
    expect(STATA_MISSING).toEqual({ [-99]: ".a", [-88]: ".b", [-77]: ".c", [-66]: ".d", [-55]: ".e", [-44]: ".f" });
    // Strings keep their codes: no mvdecode of a string, no value labels on it.
    expect(text).not.toMatch(/mvdecode.*story/s);
    expect(text).not.toMatch(/label define story/);
    expect(text).toContain("stringcols(1 2 6) numericcols(3 4 5)");
  });

  describe.each([
    ["demo", demoDefinition],
    ["pre-regm", preRegmDefinition],
  ])("of a real %s export", (_, definition) => {
    const questionnaire = questionnaireSchema.parse(definition);
    let files: Record<string, Uint8Array> = {};
    beforeAll(async () => {
      files = await exportedZip(questionnaire, { count: 20, seed: 3, language: "en" });
    });

    it("uses only known commands, valid names, short labels and compound quotes, for the main and group files", () => {
      const dos = Object.keys(files).filter((n) => n.endsWith(".do"));
      expect(dos.length).toBe(1 + questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === "group").length);
      for (const name of dos) {
        const data = name.replace(/\.do$/, name.includes("-items") ? ".csv" : "-coded.csv");
        const header = strFromU8(files[data]!)
          .replace(/^\uFEFF/, "")
          .split("\r\n")[0]!
          .split(",");
        checkDo(strFromU8(files[name]!), header);
      }
    });
  });
});
