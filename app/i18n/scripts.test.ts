import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The translators' command-line tools, run as `npm run i18n:*` runs them, on copies of the fixtures. */
const fixtures = path.resolve("tests/fixtures/locales");
const tsx = path.resolve("node_modules/.bin/tsx");
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-i18n-"));

afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

function run(script: string, ...args: string[]) {
  const { LOCALES_DIR: _, ...env } = process.env;
  const r = spawnSync(tsx, [path.resolve("scripts", script), ...args], { encoding: "utf8", env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function copyFixtures(name: string): string {
  const dir = path.join(temp, name);
  fs.cpSync(fixtures, dir, { recursive: true });
  return dir;
}

describe("i18n-check", () => {
  it("passes the fixtures, listing French with its completion", () => {
    const { code, out } = run("i18n-check.ts", "--dir", fixtures, "--no-usage");
    expect(code).toBe(0);
    expect(out).toMatch(/French \(fr\)\s+57%/);
    expect(out).toContain("! tests/fixtures/locales/fr/common.json  form.progress");
    expect(out).toContain("Result: OK");
  });

  it("fails when Spanish lacks a plural form, and says which", () => {
    const dir = copyFixtures("check");
    const file = path.join(dir, "es", "common.json");
    const es = JSON.parse(fs.readFileSync(file, "utf8")) as { errors: Record<string, string> };
    delete es.errors.minChoices_many;
    fs.writeFileSync(file, JSON.stringify(es));
    const { code, out } = run("i18n-check.ts", "--dir", dir, "--no-usage");
    expect(code).toBe(1);
    expect(out).toMatch(/✗ .*es\/common\.json {2}errors\.minChoices_many {2}missing the plural form "many"/);
    expect(out).toContain("Result: FAILED");
  });

  it("gives JSON with --json", () => {
    const { code, out } = run("i18n-check.ts", "--dir", fixtures, "--no-usage", "--json");
    expect(code).toBe(0);
    const report = JSON.parse(out) as { languages: Array<{ language: string }> };
    expect(report.languages.map((l) => l.language)).toEqual(["en", "es", "fr"]);
  });
});

describe("i18n-pseudo", () => {
  it("writes English and the pseudo-locale to the folder given", () => {
    const out = path.join(temp, "pseudo");
    expect(run("i18n-pseudo.ts", out, "--from", fixtures).code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(["en", "en-XA"]);
    const pseudo = JSON.parse(fs.readFileSync(path.join(out, "en-XA", "common.json"), "utf8")) as { app: { greeting: string } };
    expect(pseudo.app.greeting).toBe("⟦Ĥéļļö {{name}} ···⟧");
  });

  it("refuses to write into the locales folder", () => {
    expect(run("i18n-pseudo.ts", path.join(fixtures, "xx"), "--from", fixtures).code).toBe(2);
    expect(fs.existsSync(path.join(fixtures, "xx"))).toBe(false);
  });
});

describe("i18n-export and i18n-import", () => {
  it("round-trips without change, then applies an edit", () => {
    const dir = copyFixtures("roundtrip");
    const csv = path.join(temp, "es.csv");
    expect(run("i18n-export.ts", "--lang", "es", "--dir", dir, "--out", csv).code).toBe(0);
    const before = fs.readFileSync(path.join(dir, "es", "common.json"), "utf8");

    const same = run("i18n-import.ts", "--lang", "es", "--dir", dir, csv);
    expect(same.code).toBe(0);
    expect(same.out).toContain("0 texts added, 0 changed, 14 unchanged");
    expect(fs.readFileSync(path.join(dir, "es", "common.json"), "utf8")).toBe(before);

    fs.writeFileSync(csv, fs.readFileSync(csv, "utf8").replace("Thank you,Gracias", "Thank you,Muchas gracias"));
    const dry = run("i18n-import.ts", "--lang", "es", "--dir", dir, csv, "--dry-run");
    expect(dry.out).toContain("1 would be changed");
    expect(fs.readFileSync(path.join(dir, "es", "common.json"), "utf8")).toBe(before);

    expect(run("i18n-import.ts", "--lang", "es", "--dir", dir, csv).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "es", "common.json"), "utf8")).toBe(before.replace('"Gracias"', '"Muchas gracias"'));
  });

  it("exits with 1 when a row is refused, and still writes the others", () => {
    const dir = copyFixtures("refused");
    const csv = path.join(temp, "refused.csv");
    run("i18n-export.ts", "--lang", "es", "--dir", dir, "--out", csv);
    fs.writeFileSync(
      csv,
      fs
        .readFileSync(csv, "utf8")
        .replace("Thank you,Gracias", "Thank you,Mil gracias")
        .replace("Hola {{name}}", "Hola {{nombre}}"),
    );
    const r = run("i18n-import.ts", "--lang", "es", "--dir", dir, csv);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ row 3 {2}common {2}app\.greeting: refused, placeholder problem/);
    const es = JSON.parse(fs.readFileSync(path.join(dir, "es", "common.json"), "utf8")) as {
      thanks: { title: string };
      app: { greeting: string };
    };
    expect([es.thanks.title, es.app.greeting]).toEqual(["Mil gracias", "Hola {{name}}"]);
  });

  it("reads a translation saved as Windows-1252 as such, with a notice, and refuses a file in neither encoding", () => {
    const dir = copyFixtures("windows-1252");
    const csv = path.join(temp, "latin.csv");
    run("i18n-export.ts", "--lang", "es", "--dir", dir, "--out", csv);
    const edited = fs
      .readFileSync(csv, "utf8")
      .replace(/^\uFEFF/, "")
      .replace("Thank you,Gracias", "Thank you,Gracias desde Bogotá");
    fs.writeFileSync(csv, Buffer.from(edited, "latin1"));
    const r = run("i18n-import.ts", "--lang", "es", "--dir", dir, csv);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Windows-1252");
    const es = JSON.parse(fs.readFileSync(path.join(dir, "es", "common.json"), "utf8")) as { thanks: { title: string } };
    expect(es.thanks.title).toBe("Gracias desde Bogotá");

    fs.writeFileSync(csv, Buffer.concat([Buffer.from(edited, "latin1"), Buffer.from([0x81])]));
    const refused = run("i18n-import.ts", "--lang", "es", "--dir", dir, csv);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("UTF-8");
  });

  it("round-trips XLIFF without change; a dry run names exactly the edit, the import writes exactly it", () => {
    const dir = copyFixtures("xliff");
    const xlf = path.join(temp, "es.xlf");
    const exported = run("i18n-export.ts", "--format", "xliff", "--language", "es", "--dir", dir, "--out", xlf);
    expect(exported.code).toBe(0);
    expect(exported.err).toContain("14 texts of es as XLIFF 1.2 (0 untranslated, 0 to review");
    const snapshot = () =>
      Object.fromEntries(fs.readdirSync(path.join(dir, "es")).map((f) => [f, fs.readFileSync(path.join(dir, "es", f), "utf8")]));
    const before = snapshot();
    expect(Object.keys(before)).toContain(".source-record.json");

    const same = run("i18n-import.ts", xlf, "--dir", dir);
    expect(same.code).toBe(0);
    expect(same.out).toContain("0 texts added, 0 changed, 14 unchanged, 0 skipped, 0 refused.");
    expect(snapshot()).toEqual(before);

    fs.writeFileSync(xlf, fs.readFileSync(xlf, "utf8").replace(">Gracias</target>", ">Muchas gracias</target>"));
    const dry = run("i18n-import.ts", xlf, "--dir", dir, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("0 texts would be added, 1 would be changed, 13 unchanged, 0 skipped, 0 refused.");
    expect(dry.out).toContain('✓ es/common.json  thanks.title: "Gracias" → "Muchas gracias"');
    expect(dry.out).toContain("(dry run: nothing written)");
    expect(snapshot()).toEqual(before);

    expect(run("i18n-import.ts", xlf, "--dir", dir).code).toBe(0);
    const after = snapshot();
    expect(after["common.json"]).toBe(before["common.json"]!.replace('"Gracias"', '"Muchas gracias"'));
    expect(after["survey.json"]).toBe(before["survey.json"]);
  });

  it("marks in the next XLIFF export the translations whose English changed", () => {
    const dir = copyFixtures("xliff-review");
    const xlf = path.join(temp, "review.xlf");
    run("i18n-export.ts", "--format", "xliff", "--lang", "es", "--dir", dir, "--out", xlf);
    const enFile = path.join(dir, "en", "common.json");
    fs.writeFileSync(enFile, fs.readFileSync(enFile, "utf8").replace('"Thank you"', '"Thank you for your answers"'));
    const again = run("i18n-export.ts", "--format", "xliff", "--lang", "es", "--dir", dir, "--out", xlf);
    expect(again.err).toContain("1 to review");
    expect(fs.readFileSync(xlf, "utf8")).toMatch(
      /<source>Thank you for your answers<\/source><target state="needs-review-translation">Gracias<\/target>/,
    );
  });

  it("takes a CAT tool's regional target language (es-ES) for the folder es only when told", () => {
    const dir = copyFixtures("xliff-region");
    const xlf = path.join(temp, "region.xlf");
    run("i18n-export.ts", "--format", "xliff", "--lang", "es", "--dir", dir, "--out", xlf);
    fs.writeFileSync(xlf, fs.readFileSync(xlf, "utf8").replaceAll('target-language="es"', 'target-language="es-ES"'));
    const untold = run("i18n-import.ts", xlf, "--dir", dir, "--dry-run");
    expect(untold.code).toBe(2);
    expect(untold.err).toContain("give --lang es");
    const told = run("i18n-import.ts", xlf, "--lang", "es", "--dir", dir, "--dry-run");
    expect(told.code).toBe(0);
    expect(told.out).toContain("14 unchanged");
    expect(run("i18n-import.ts", xlf, "--lang", "fr", "--dir", dir, "--dry-run").err).toContain("not fr");
  });

  it("refuses an XLIFF file that is not UTF-8, saying what to choose in the CAT tool", () => {
    const dir = copyFixtures("xliff-encoding");
    const xlf = path.join(temp, "latin.xlf");
    run("i18n-export.ts", "--format", "xliff", "--lang", "es", "--dir", dir, "--out", xlf);
    fs.writeFileSync(xlf, Buffer.from(fs.readFileSync(xlf, "utf8").replace("Gracias", "Gracias, Bogotá"), "latin1"));
    const r = run("i18n-import.ts", xlf, "--dir", dir, "--dry-run");
    expect(r.code).toBe(2);
    expect(r.err).toContain("is not UTF-8");
    expect(r.err).toContain("with the encoding UTF-8");
  });

  it("refuses English, which is the source", () => {
    expect(run("i18n-export.ts", "--lang", "en", "--dir", fixtures).code).toBe(2);
  });
});

describe("i18n-check on planted faults", () => {
  function plant(name: string, edit: (dir: string) => void): string {
    const dir = copyFixtures(name);
    edit(dir);
    return dir;
  }
  const setText = (dir: string, language: string, change: (tree: { [k: string]: { [k: string]: string } }) => void) => {
    const file = path.join(dir, language, "common.json");
    const tree = JSON.parse(fs.readFileSync(file, "utf8")) as { [k: string]: { [k: string]: string } };
    change(tree);
    fs.writeFileSync(file, JSON.stringify(tree, null, 2));
  };

  it("names file and key for markup, a spaced placeholder, a plural without {{count}} and a text left in English", () => {
    const dir = plant("faults", (d) =>
      setText(d, "es", (tree) => {
        tree.form!.next = "<b>Siguiente</b>";
        tree.form!.progress = "Sección {{ index }} de {{total}}";
        tree.errors!.minChoices_other = "Por favor, elija varias opciones.";
        tree.thanks!.title = "Thank you";
      }),
    );
    const { code, out } = run("i18n-check.ts", "--dir", dir, "--no-usage");
    expect(code).toBe(1);
    const file = `${path.relative(process.cwd(), dir)}/es/common.json`;
    expect(out).toContain(`✗ ${file}  form.next  holds markup (<b> </b>)`);
    expect(out).toContain(`✗ ${file}  form.progress  write {{index}} without spaces`);
    expect(out).toContain(`✗ ${file}  errors.minChoices_other  does not show {{count}}`);
    expect(out).toContain(`! ${file}  thanks.title  is identical to English`);
    // Declared names and codes are not reported; the fixtures' French leaves app.name as it is.
    expect(out).not.toMatch(/app\.name {2}is identical/);
  });

  it("reports every broken JSON file in one run, with line and column, and a hint for a straight quote", () => {
    const dir = plant("broken-json", (d) => {
      fs.writeFileSync(path.join(d, "es", "common.json"), '{\n  "form": {\n    "next": "Pulse "Siguiente"",\n  }\n}\n');
      fs.writeFileSync(path.join(d, "fr", "common.json"), '{\n  "form": {\n    "next": "Suivant"\n    "progress": "x"\n  }\n}\n');
    });
    const { code, out, err } = run("i18n-check.ts", "--dir", dir, "--no-usage");
    expect(code).toBe(1);
    const shown = path.relative(process.cwd(), dir);
    expect(out + err).toMatch(
      new RegExp(`✗ ${shown}/es/common\\.json {2}line 3, column 21 {2}not valid JSON .*straight double quote`),
    );
    expect(out + err).toMatch(
      new RegExp(`! ${shown}/fr/common\\.json {2}line 4, column 5 {2}not valid JSON .*comma is missing at the end of line 3`),
    );
    // The other files are still checked.
    expect(out).toMatch(/French \(fr\)/);
    expect(out).not.toContain("es/common.json  form.next  missing");
  });
});
