import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { exportCsv, exportRows, importCsv, parseCsv, rowsToCsv, type CsvRow } from "./csv-roundtrip";
import { formatLocaleFile } from "./locale-tree";
import { loadLocaleMeta, loadResources } from "./resources.server";

const fixtures = path.resolve("tests/fixtures/locales");
const fixtureResources = loadResources(fixtures);
const en = fixtureResources.en!;
const es = fixtureResources.es!;
const fr = fixtureResources.fr!;

/** Edits the translation of some rows of an exported CSV, as a translator's tool would. */
function translate(csv: string, changes: Record<string, string>, extra: CsvRow[] = []): string {
  const { rows } = parseCsv(csv);
  const edited = rows.map(({ row: _, where: __, ...r }) => ({
    ...r,
    translation: changes[`${r.namespace}:${r.key}`] ?? r.translation,
  }));
  return rowsToCsv([...edited, ...extra]);
}

describe("exportCsv", () => {
  it("writes namespace,key,english,translation with a BOM, CRLF and RFC 4180 quoting", () => {
    const csv = exportCsv({ common: { a: 'Say "hi", then\nleave' } }, { common: { a: "Di «hola»" } }, "es");
    const context = "Respondents' pages (buttons, messages, errors) and e-mails; key a.";
    expect(csv).toBe(
      `\uFEFFnamespace,key,english,translation,context\r\ncommon,a,"Say ""hi"", then\nleave",Di «hola»,"${context.replace(/"/g, '""')}"\r\n`,
    );
    // Any RFC 4180 reader gets the texts back.
    expect(Papa.parse(csv.slice(1), { header: true, skipEmptyLines: true }).data).toEqual([
      { namespace: "common", key: "a", english: 'Say "hi", then\nleave', translation: "Di «hola»", context },
    ]);
  });

  it("has a row per text the language needs, plural forms expanded, empty when untranslated", () => {
    const rows = exportRows(en, fr, "fr");
    expect(rows.map((r) => `${r.namespace}:${r.key}`)).toEqual([
      "common:app.name",
      "common:app.greeting",
      "common:language.names.en",
      "common:language.names.es",
      "common:language.names.fr",
      "common:form.next",
      "common:form.progress",
      "common:errors.minChoices_one",
      "common:errors.minChoices_many",
      "common:errors.minChoices_other",
      "common:thanks.title",
      "survey:title",
      "survey:lists.yes_no.1",
      "survey:lists.yes_no.2",
    ]);
    const { context, ...many } = rows.find((r) => r.key === "errors.minChoices_many")!;
    expect(many).toEqual({
      namespace: "common",
      key: "errors.minChoices_many",
      english: "Please choose at least {{count}} options.",
      translation: "",
    });
    expect(context).toContain("Plural form “many”: used for 1,000,000, 2,000,000.");
    expect(context).toContain("{{count}} (the number)");
    expect(rows.find((r) => r.key === "form.next")!.translation).toBe("Suivant");
  });
});

describe("importCsv", () => {
  it("export then import unchanged changes nothing and rebuilds identical files", () => {
    const result = importCsv(exportCsv(en, es, "es"), en, es, "es");
    expect(result.changes).toEqual([]);
    expect(result.refused).toEqual([]);
    expect(result.files).toEqual({});
    for (const namespace of ["common", "survey"]) {
      const original = fs.readFileSync(path.join(fixtures, "es", `${namespace}.json`), "utf8");
      expect(formatLocaleFile(result.trees[namespace])).toBe(original);
    }
  });

  it("round-trips the real English and Spanish files unchanged", () => {
    const real = loadResources(path.resolve("locales"));
    const result = importCsv(
      exportCsv(real.en!, real.es, "es"),
      real.en!,
      real.es,
      "es",
      loadLocaleMeta(path.resolve("locales")),
    );
    expect(result.changes).toEqual([]);
    expect(result.refused).toEqual([]);
    expect(result.files).toEqual({});
    const original = fs.readFileSync(path.resolve("locales/es/common.json"), "utf8");
    expect(formatLocaleFile(result.trees.common)).toBe(original);
    expect(JSON.stringify(result.trees.demo)).toBe(JSON.stringify(real.es!.demo));
  });

  it("applies a changed translation and writes the file in the English key order", () => {
    const csv = translate(exportCsv(en, es, "es"), { "common:thanks.title": "¡Muchas gracias!" });
    const result = importCsv(csv, en, es, "es");
    expect(result.changes).toEqual([{ namespace: "common", key: "thanks.title", before: "Gracias", after: "¡Muchas gracias!" }]);
    expect(Object.keys(result.files)).toEqual(["common"]);
    const expected = fs.readFileSync(path.join(fixtures, "es", "common.json"), "utf8").replace('"Gracias"', '"¡Muchas gracias!"');
    expect(result.files.common).toBe(expected);
  });

  it("refuses a broken or changed placeholder and keeps the old text", () => {
    const cases = {
      "common:app.greeting": "Hola {{nombre}}",
      "common:form.progress": "Sección {{index}} de {total}}",
      "survey:title": "Encuesta {{extra}}",
    };
    const result = importCsv(translate(exportCsv(en, es, "es"), cases), en, es, "es");
    expect(result.refused.map((r) => `${r.namespace}:${r.key}`)).toEqual(Object.keys(cases));
    expect(result.refused.every((r) => r.reason.startsWith("placeholder problem"))).toBe(true);
    expect(result.changes).toEqual([]);
    expect(result.files).toEqual({});
  });

  it("accepts a plural form without {{count}}", () => {
    const csv = translate(exportCsv(en, es, "es"), { "common:errors.minChoices_one": "Por favor, elija una opción." });
    expect(importCsv(csv, en, es, "es").changes).toHaveLength(1);
  });

  it("refuses unknown keys and rows given twice, skips empty translations", () => {
    const extra: CsvRow[] = [
      { namespace: "common", key: "no.such", english: "", translation: "x", context: "" },
      { namespace: "nowhere", key: "title", english: "", translation: "x", context: "" },
      { namespace: "common", key: "form.next", english: "Next", translation: "Seguir", context: "" },
    ];
    const csv = translate(exportCsv(en, es, "es"), { "common:thanks.title": "" }, extra);
    const result = importCsv(csv, en, es, "es");
    expect(result.refused.map((r) => [r.where, r.key, r.reason.split(":")[0]])).toEqual([
      ["row 16", "no.such", "unknown key"],
      ["row 17", "title", 'unknown area "nowhere"'],
      ["row 18", "form.next", "given twice"],
    ]);
    expect(result.skipped.map((r) => r.key)).toEqual(["thanks.title"]);
    expect(result.changes).toEqual([]);
    expect(flattenedTitle(result.trees.common)).toBe("Gracias"); // skipped, not emptied
  });

  it("fills a new language's files, adding the plural forms it needs", () => {
    const csv = translate(exportCsv(en, undefined, "fr"), {
      "common:form.next": "Suivant",
      "common:errors.minChoices_one": "Au moins {{count}} option.",
      "common:errors.minChoices_many": "Au moins {{count}} d'options.",
      "common:errors.minChoices_other": "Au moins {{count}} options.",
    });
    const result = importCsv(csv, en, undefined, "fr");
    expect(Object.keys(result.files)).toEqual(["common"]);
    expect(JSON.parse(result.files.common!)).toEqual({
      form: { next: "Suivant" },
      errors: {
        minChoices_one: "Au moins {{count}} option.",
        minChoices_many: "Au moins {{count}} d'options.",
        minChoices_other: "Au moins {{count}} options.",
      },
    });
  });

  it("keeps keys English does not have, and warns when the English text changed since the export", () => {
    const csv = exportCsv(en, fr, "fr").replace("Thank you,", "Thanks!,Merci");
    const result = importCsv(csv, en, fr, "fr");
    expect(result.warnings.map((w) => w.key)).toEqual(["thanks.title"]);
    expect((result.trees.common as { form: Record<string, string> }).form.obsolete).toBe("Ce texte n'existe plus en anglais");
  });

  it("reads a file saved by a spreadsheet with semicolons, CRLF in cells and no BOM", () => {
    const csv = 'namespace;key;english;translation\r\ncommon;thanks.title;Thank you;"Muchas\r\ngracias"\r\n';
    const result = importCsv(csv, en, es, "es");
    expect(result.changes).toEqual([{ namespace: "common", key: "thanks.title", before: "Gracias", after: "Muchas\ngracias" }]);
  });

  it("stops on a file without the expected columns", () => {
    const result = importCsv("a,b\r\n1,2\r\n", en, es, "es");
    expect(result.errors[0]).toContain("namespace,key,english,translation");
    expect(result.files).toEqual({});
  });
});

function flattenedTitle(tree: unknown): unknown {
  return (tree as { thanks: { title: string } }).thanks.title;
}
