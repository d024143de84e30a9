import path from "node:path";
import { describe, expect, it } from "vitest";
import xliff12ToJs from "xliff/xliff12ToJs";
import { importTexts } from "./csv-roundtrip";
import { parseLocaleMeta } from "./locale-meta";
import { loadLocaleMeta, loadResources } from "./resources.server";
import { recordImport, type SourceRecord } from "./source-record";
import { exportXliff, parseXliff } from "./xliff";

const fixtures = loadResources(path.resolve("tests/fixtures/locales"));
const en = fixtures.en!;
const es = fixtures.es!;
const fr = fixtures.fr!;
const bytes = (text: string) => new TextEncoder().encode(text);

async function roundTrip(xml: string, target = es, language = "es") {
  const parsed = await parseXliff(bytes(xml));
  expect(parsed.errors).toEqual([]);
  return importTexts(parsed.rows, [], en, target, language);
}

const exported = (target: typeof es | undefined, language: string, record: SourceRecord = {}, english = en) =>
  exportXliff({ english, target, sourceLanguage: "en", language, record });

describe("XLIFF export", () => {
  it("writes XLIFF 1.2 the package reads back: a file per namespace, a unit per text, placeholders as <ph>", async () => {
    const { xml } = await exported(es, "es");
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<xliff')).toBe(true);
    const js = await xliff12ToJs(xml);
    expect(Object.keys(js.resources)).toEqual(["common", "survey"]);
    expect(js).toMatchObject({ sourceLanguage: "en", targetLanguage: "es" });
    expect(xml).toContain(
      '<trans-unit id="app.greeting" resname="app.greeting"><source>Hello <ph id="1" ctype="x-i18next-placeholder">{{name}}</ph></source><target state="translated">Hola <ph id="1" ctype="x-i18next-placeholder">{{name}}</ph></target>',
    );
  });

  it("leaves out the target of an untranslated text and gives each text its context", async () => {
    const { xml, units } = await exported(fr, "fr");
    expect(units.find((u) => u.key === "thanks.title")).toMatchObject({ state: "untranslated" });
    expect(xml).toMatch(/<trans-unit id="thanks.title" resname="thanks.title"><source>Thank you<\/source><note>/);
    expect(xml).toContain("Plural form “many”: used for 1,000,000, 2,000,000.");
    expect(xml).toContain("{{count}} (the number)");
  });

  it("gives a declared length limit as maxwidth", async () => {
    const meta = parseLocaleMeta({ maxLength: { "common:form.next": 12 } });
    const { xml } = await exportXliff({ english: en, target: es, sourceLanguage: "en", language: "es", record: {}, meta });
    expect(xml).toContain('<trans-unit id="form.next" resname="form.next" maxwidth="12" size-unit="char">');
    expect(xml).toContain("At most 12 characters.");
  });

  it("marks a translation whose English changed since the last export as needing review, until it is sent back", async () => {
    const first = await exported(es, "es");
    expect(first.record["common:thanks.title"]).toBe("Thank you");
    const changedEnglish = { ...en, common: { ...(en.common as object), thanks: { title: "Thank you very much" } } };
    const second = await exported(es, "es", first.record, changedEnglish);
    expect(second.units.filter((u) => u.state === "changed").map((u) => u.key)).toEqual(["thanks.title"]);
    expect(second.xml).toMatch(/<target state="needs-review-translation">Gracias<\/target><note>[^<]*It was: “Thank you”/);
    // A third export still says so: nobody has looked yet.
    const third = await exported(es, "es", second.record, changedEnglish);
    expect(third.units.find((u) => u.key === "thanks.title")!.state).toBe("changed");
    // The translator confirms it in the CAT tool; the import records the English they saw.
    const parsed = await parseXliff(bytes(third.xml));
    const result = importTexts(parsed.rows, [], changedEnglish, es, "es");
    const fourth = await exported(es, "es", recordImport(third.record, result.confirmed), changedEnglish);
    expect(fourth.units.find((u) => u.key === "thanks.title")!.state).toBe("translated");
  });
});

describe("XLIFF import", () => {
  it("export then import changes nothing, here and for the real locale files", async () => {
    const result = await roundTrip((await exported(es, "es")).xml);
    expect(result).toMatchObject({ changes: [], refused: [], files: {}, unchanged: 14 });
    const real = loadResources(path.resolve("locales"));
    const { xml } = await exportXliff({ english: real.en!, target: real.es, sourceLanguage: "en", language: "es", record: {} });
    const parsed = await parseXliff(bytes(xml));
    const again = importTexts(parsed.rows, [], real.en!, real.es, "es", loadLocaleMeta(path.resolve("locales")));
    expect(again.changes).toEqual([]);
    expect(again.refused).toEqual([]);
    expect(again.files).toEqual({});
  });

  it("export, edit one target, import: exactly that change, line breaks and spaces kept", async () => {
    const { xml } = await exported(es, "es");
    const edited = xml.replace(
      '<target state="translated">Gracias</target>',
      '<target state="translated">Muchas\ngracias </target>',
    );
    const result = await roundTrip(edited);
    expect(result.changes).toEqual([{ namespace: "common", key: "thanks.title", before: "Gracias", after: "Muchas\ngracias " }]);
    expect(Object.keys(result.files)).toEqual(["common"]);
  });

  it("adds a target a CAT tool filled in, and skips one it only copied from the source", async () => {
    const { xml } = await exported(fr, "fr");
    const filled = xml
      .replace("<source>Thank you</source>", '<source>Thank you</source><target state="translated">Merci</target>')
      .replace("<source>A small survey</source>", '<source>A small survey</source><target state="new">A small survey</target>');
    const result = await roundTrip(filled, fr, "fr");
    expect(result.changes).toEqual([{ namespace: "common", key: "thanks.title", before: undefined, after: "Merci" }]);
    expect(result.skipped.map((s) => [s.key, s.reason.split(" (")[0]])).toContainEqual(["title", "identical to English"]);
  });

  it("refuses with a reason: a lost placeholder, markup, an unknown key", async () => {
    const { xml } = await exported(es, "es");
    const edited = xml
      .replace('Hola <ph id="1" ctype="x-i18next-placeholder">{{name}}</ph></target>', "Hola</target>")
      .replace(">Siguiente<", ">&lt;b&gt;Siguiente&lt;/b&gt;<")
      .replace(
        '<trans-unit id="form.progress" resname="form.progress">',
        '<trans-unit id="form.progres" resname="form.progres">',
      );
    const result = await roundTrip(edited);
    expect(result.refused.map((r) => [r.where, r.key, r.reason.split(":")[0]])).toEqual([
      ["unit 2", "app.greeting", "placeholder problem"],
      ["unit 6", "form.next", "markup"],
      ["unit 7", "form.progres", "unknown key"],
    ]);
    expect(result.files).toEqual({});
  });

  it("refuses a file that is not UTF-8, and says what to choose in the CAT tool", async () => {
    const { xml } = await exported(es, "es");
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(xml, "utf16le"))]);
    const latin1 = new Uint8Array(Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), "latin1"));
    const declared = bytes(xml.replace('encoding="UTF-8"', 'encoding="windows-1252"'));
    for (const [file, expected] of [
      [utf16, "UTF-16"],
      [latin1, "not UTF-8"],
      [declared, "declares the encoding windows-1252"],
    ] as const) {
      const parsed = await parseXliff(file, "es.xlf");
      expect(parsed.rows).toEqual([]);
      expect(parsed.errors[0]).toContain(expected);
      expect(parsed.errors[0]).toContain("with the encoding UTF-8");
    }
  });

  it("refuses XLIFF 2.0 and what is not XLIFF or not XML", async () => {
    expect((await parseXliff(bytes('<xliff version="2.0"><file id="a"/></xliff>'))).errors[0]).toContain("XLIFF 2.0");
    expect((await parseXliff(bytes("<html></html>"))).errors[0]).toContain("not an XLIFF file");
    expect((await parseXliff(bytes('<xliff version="1.2"><file original="a"><body></file></xliff>'))).errors[0]).toContain(
      "not well-formed XML",
    );
  });
});
