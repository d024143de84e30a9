import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport, formatReport, type Problem, type Report } from "./report";
import { parseLocaleMeta } from "./locale-meta";
import { loadLocaleMeta, loadResources } from "./resources.server";
import type { Usage } from "./usage";

const fixtures = path.resolve("tests/fixtures/locales");
// "Consulta" is a name: the same in every language.
const meta = parseLocaleMeta({ sameAsEnglish: { "*": ["common:app.name"] } });

const en = {
  common: {
    app: { name: "Consulta", greeting: "Hello {{name}}" },
    errors: { minChoices_one: "Choose at least {{count}} option.", minChoices_other: "Choose at least {{count}} options." },
  },
};
const esComplete = {
  common: {
    app: { name: "Consulta", greeting: "Hola {{name}}" },
    errors: {
      minChoices_one: "Elija al menos {{count}} opción.",
      minChoices_many: "Elija al menos {{count}} opciones.",
      minChoices_other: "Elija al menos {{count}} opciones.",
    },
  },
};

const find = (report: Report, language: string, key: string): Problem[] =>
  report.problems.filter((p) => p.language === language && p.key === key);

describe("buildReport on locale files", () => {
  it("passes complete English and Spanish files", () => {
    const report = buildReport({ meta, resources: { en, es: esComplete } });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.languages.map((l) => [l.language, l.percent, l.done, l.expected])).toEqual([
      ["en", 100, 4, 4],
      ["es", 100, 5, 5], // Spanish needs three plural forms where English has two.
    ]);
  });

  it("reports a missing key, an empty text and an extra key, in plain words with the English text", () => {
    const es = { common: { ...esComplete.common, app: { name: "", old: "Viejo" } } };
    const report = buildReport({ meta, resources: { en, es } });
    expect(find(report, "es", "app.greeting")).toMatchObject([
      { kind: "missing", file: "locales/es/common.json", english: "Hello {{name}}", blocking: true },
    ]);
    expect(find(report, "es", "app.name")).toMatchObject([{ kind: "empty", english: "Consulta", blocking: true }]);
    expect(find(report, "es", "app.old")).toMatchObject([{ kind: "extra", blocking: false }]);
    expect(report.ok).toBe(false);
    expect(report.languages[1]).toMatchObject({ language: "es", done: 3, expected: 5, percent: 60 });
  });

  it("reports placeholders lost, renamed, added or broken", () => {
    const cases: [string, string][] = [
      ["Hola", "{{name}}"],
      ["Hola {{nombre}}", "{{nombre}}"],
      ["Hola {{name}} {{extra}}", "{{extra}}"],
      ["Hola {{name}", "broken"],
      ["Hola {name}}", "broken"],
    ];
    for (const [text, word] of cases) {
      const es = { common: { ...esComplete.common, app: { name: "Consulta", greeting: text } } };
      const [problem] = find(buildReport({ meta, resources: { en, es } }), "es", "app.greeting");
      expect(problem, text).toMatchObject({ kind: "placeholder", blocking: true, english: "Hello {{name}}" });
      expect(problem!.message, text).toContain(word);
    }
    // i18next reads `{{ name }}`, but locales/README.md asks for `{{name}}`: one way to write it.
    const spaced = { common: { ...esComplete.common, app: { name: "Consulta", greeting: "Hola {{ name }}" } } };
    const [problem] = find(buildReport({ meta, resources: { en, es: spaced } }), "es", "app.greeting");
    expect(problem).toMatchObject({ kind: "placeholderSpaces", blocking: true, file: "locales/es/common.json" });
    expect(problem!.message).toContain("write {{name}} without spaces");
  });

  it("lets a plural form drop or add {{count}}, but not other placeholders", () => {
    const errors = {
      ...esComplete.common.errors,
      minChoices_one: "Elija al menos una opción.",
      minChoices_many: "Elija {{count}} {{what}}.",
    };
    const report = buildReport({ meta, resources: { en, es: { common: { ...esComplete.common, errors } } } });
    expect(find(report, "es", "errors.minChoices_one")).toEqual([]);
    expect(find(report, "es", "errors.minChoices_many")).toMatchObject([{ kind: "placeholder" }]);
  });

  it("asks for the plural forms Intl.PluralRules gives the language: Spanish needs _many", () => {
    const { minChoices_many: _, ...errors } = esComplete.common.errors;
    const report = buildReport({ meta, resources: { en, es: { common: { ...esComplete.common, errors } } } });
    const [problem] = find(report, "es", "errors.minChoices_many");
    expect(problem).toMatchObject({ kind: "plural", blocking: true, english: "Choose at least {{count}} options." });
    expect(problem!.message).toContain('"many"');
    expect(problem!.message).toContain("1,000,000");
    expect(report.ok).toBe(false);
  });

  it("reports a plural key missing with all its forms once, under its base", () => {
    const es = { common: { app: esComplete.common.app } };
    const problems = buildReport({ meta, resources: { en, es } }).problems.filter((p) => p.language === "es");
    expect(problems).toMatchObject([{ key: "errors.minChoices", kind: "missing" }]);
  });

  it("flags a plural form the language does not use, and accepts _zero anywhere", () => {
    const errors = { ...esComplete.common.errors, minChoices_few: "x", minChoices_zero: "Ninguna opción" };
    const report = buildReport({ meta, resources: { en, es: { common: { ...esComplete.common, errors } } } });
    expect(find(report, "es", "errors.minChoices_few")).toMatchObject([{ kind: "extra", blocking: false }]);
    expect(find(report, "es", "errors.minChoices_zero")).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("fails when English lacks a plural form it needs", () => {
    const broken = { common: { ...en.common, errors: { minChoices_other: "Choose at least {{count}} options." } } };
    const report = buildReport({ meta, resources: { en: broken } });
    expect(find(report, "en", "errors.minChoices_one")).toMatchObject([{ kind: "plural", blocking: true }]);
  });

  it("reports a group or a number where a text should be", () => {
    const es = { common: { ...esComplete.common, app: { name: 3, greeting: { a: "b" } } } };
    const report = buildReport({ meta, resources: { en, es } });
    expect(find(report, "es", "app.name")).toMatchObject([{ kind: "notText" }]);
    expect(find(report, "es", "app.greeting.a")).toMatchObject([{ kind: "extra" }]);
  });

  it("only reports other languages: their problems never fail the check", () => {
    const report = buildReport({ meta, resources: { en, es: esComplete, fr: { common: { app: { name: "" } } } } });
    expect(report.problems.filter((p) => p.language === "fr").length).toBeGreaterThan(0);
    expect(report.problems.every((p) => !p.blocking)).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.languages.map((l) => l.language)).toEqual(["en", "es", "fr"]);
  });
});

describe("buildReport with the keys the code uses", () => {
  const usage = (
    keys: [string, string, "call" | "mention" | "definition", boolean?][],
    prefixes: [string, string][] = [],
  ): Usage => ({
    keys: keys.map(([namespace, key, how, weak]) => ({ namespace, key, how, where: "app/x.tsx:1", ...(weak ? { weak } : {}) })),
    prefixes: prefixes.map(([namespace, prefix]) => ({ namespace, prefix, where: "app/x.tsx:2" })),
  });

  it("fails on a key used in the code or a questionnaire but absent from English", () => {
    const report = buildReport({
      meta,
      resources: { en, es: esComplete },
      usage: usage([
        ["common", "app.name", "call"],
        ["common", "app.greeting", "call"],
        ["common", "errors.minChoices", "call"], // a plural key, used with count
        ["common", "app.missing", "call"],
        ["survey", "title", "definition"],
      ]),
    });
    expect(find(report, "en", "app.missing")).toMatchObject([
      { kind: "usedButAbsent", blocking: true, file: "locales/en/common.json" },
    ]);
    expect(find(report, "en", "app.missing")[0]!.message).toContain("app/x.tsx:1");
    expect(find(report, "en", "title")).toMatchObject([{ kind: "usedButAbsent", file: "locales/en/survey.json" }]);
    expect(report.problems.filter((p) => p.kind === "unused")).toEqual([]);
    expect(report.ok).toBe(false);
  });

  it("reports English keys nothing uses, counting a dynamic key's static prefix as a use", () => {
    const report = buildReport({
      meta,
      resources: { en, es: esComplete },
      usage: usage([["common", "app.name", "call"]], [["common", "errors.min"]]),
    });
    expect(report.problems.map((p) => `${p.kind} ${p.key}`)).toEqual(["unused app.greeting"]);
    expect(report.problems[0]).toMatchObject({ blocking: false, english: "Hello {{name}}" });
    expect(report.ok).toBe(true);
  });

  it("counts mentions as uses, and warns (without failing) on a mention that looks like a missing key", () => {
    const report = buildReport({
      meta,
      resources: { en, es: esComplete },
      usage: usage([
        ["*", "app.name", "mention"],
        ["*", "app.greting", "mention"],
        ["*", "app.id", "mention", true],
        ["*", "users.id", "mention"],
      ]),
    });
    expect(find(report, "en", "app.name")).toEqual([]);
    expect(find(report, "en", "app.greting")).toMatchObject([
      { kind: "mentionedButAbsent", blocking: false, file: "locales/en/common.json" },
    ]);
    expect(find(report, "en", "app.id")).toEqual([]); // weak: in a file that translates nothing
    expect(find(report, "en", "users.id")).toEqual([]); // no group "users" in English
    expect(report.ok).toBe(true);
  });

  it("accepts a key in any namespace when the code does not say which (a t received as a parameter)", () => {
    const resources = { en: { ...en, organiser: { users: { title: "Accounts" }, status: { draft: "Draft" } } } };
    const guessed = (key: string) => ({ namespace: "common", key, where: "app/y.tsx:3", how: "call" as const, guessed: true });
    const report = buildReport({
      meta,
      resources,
      usage: {
        keys: [guessed("users.title"), guessed("users.nope"), { namespace: "common", key: "app.name", where: "a", how: "call" }],
        prefixes: [{ namespace: "common", prefix: "status.", where: "app/y.tsx:4", guessed: true }],
      },
    });
    expect(report.problems.filter((p) => p.kind === "usedButAbsent").map((p) => `${p.file} ${p.key}`)).toEqual([
      "locales/en/common.json users.nope",
    ]);
    const unused = report.problems.filter((p) => p.kind === "unused").map((p) => p.key);
    expect(unused).not.toContain("users.title");
    expect(unused).not.toContain("status.draft");
  });

  it("says when a key used as a text is a group in English", () => {
    const report = buildReport({ meta, resources: { en }, usage: usage([["common", "app", "call"]]) });
    expect(find(report, "en", "app")[0]!.message).toContain("group");
  });
});

describe("a new language added as a folder (tests/fixtures/locales/fr)", () => {
  const report = buildReport({
    meta: loadLocaleMeta(fixtures),
    resources: loadResources(fixtures),
    localesPath: "tests/fixtures/locales",
  });

  it("shows the language with its completion per namespace", () => {
    const fr = report.languages.find((l) => l.language === "fr")!;
    expect(fr).toMatchObject({ name: "French", strict: false, done: 8, expected: 14, percent: 57 });
    expect(fr.namespaces).toEqual([
      { namespace: "common", done: 8, expected: 11, percent: 72 },
      { namespace: "survey", done: 0, expected: 3, percent: 0 },
    ]);
    expect(report.languages.filter((l) => l.language !== "fr").every((l) => l.percent === 100)).toBe(true);
  });

  it("lists its problems without failing the check", () => {
    const fr = report.problems.filter((p) => p.language === "fr").map((p) => `${p.kind} ${p.file} ${p.key}`);
    expect(fr.sort()).toEqual(
      [
        "missing tests/fixtures/locales/fr/common.json thanks.title",
        "placeholder tests/fixtures/locales/fr/common.json form.progress",
        "plural tests/fixtures/locales/fr/common.json errors.minChoices_many",
        "extra tests/fixtures/locales/fr/common.json form.obsolete",
        "missing tests/fixtures/locales/fr/survey.json (whole file)",
      ].sort(),
    );
    expect(report.ok).toBe(true);
  });

  it("prints one line per problem with file, key, English text and the problem, then the completion", () => {
    const text = formatReport(report);
    const line = text.split("\n").find((l) => l.includes("form.progress"))!;
    expect(line).toContain("tests/fixtures/locales/fr/common.json");
    expect(line).toContain('English: "Section {{index}} of {{total}}"');
    expect(line).toContain("{{total}}");
    expect(line).toContain("{{totl}}");
    expect(text).toMatch(/French \(fr\)\s+57%\s+8\/14\s+common 72% \(8\/11\), survey 0% \(0\/3\)/);
    expect(text).toContain("Result: OK");
  });
});

describe("the real locale files", () => {
  // pre-regm is left out while it is being rewritten; `npm run i18n:check` covers everything.
  it("English and Spanish common and demo texts have no problem to fix", () => {
    const all = loadResources(path.resolve("locales"));
    const pick = (lang: string) => ({ common: all[lang]!.common!, demo: all[lang]!.demo! });
    const report = buildReport({ meta: loadLocaleMeta(path.resolve("locales")), resources: { en: pick("en"), es: pick("es") } });
    expect(report.problems.filter((p) => p.blocking).map((p) => `${p.file} ${p.key}: ${p.message}`)).toEqual([]);
  });
});

describe("texts that read but would show wrong", () => {
  const withText = (key: "greeting" | "name", text: string) => ({
    common: { ...esComplete.common, app: { ...esComplete.common.app, [key]: text } },
  });

  it("fails on HTML in a text, unless _meta.json declares the key may carry markup", () => {
    for (const text of ["<b>Hola</b> {{name}}", "Hola&nbsp;{{name}}", "Hola<br/>{{name}}"]) {
      const [problem] = find(buildReport({ meta, resources: { en, es: withText("greeting", text) } }), "es", "app.greeting");
      expect(problem, text).toMatchObject({ kind: "markup", blocking: true, file: "locales/es/common.json" });
    }
    const allowing = parseLocaleMeta({ markupAllowed: ["common:app.greeting"], sameAsEnglish: { "*": ["common:app.name"] } });
    expect(buildReport({ meta: allowing, resources: { en, es: withText("greeting", "<b>Hola</b> {{name}}") } }).problems).toEqual(
      [],
    );
    // "<" alone, as in "< 5", is text.
    expect(
      find(buildReport({ meta, resources: { en, es: withText("greeting", "Hola {{name}} < 5 > 2") } }), "es", "app.greeting"),
    ).toEqual([]);
  });

  it("fails on a plural form for several numbers that drops {{count}}; a form for one number may spell it out", () => {
    const errors = {
      ...esComplete.common.errors,
      minChoices_one: "Elija al menos una opción.",
      minChoices_other: "Elija varias opciones.",
    };
    const report = buildReport({ meta, resources: { en, es: { common: { ...esComplete.common, errors } } } });
    expect(find(report, "es", "errors.minChoices_one")).toEqual([]);
    const [problem] = find(report, "es", "errors.minChoices_other");
    expect(problem).toMatchObject({ kind: "pluralCount", blocking: true, file: "locales/es/common.json" });
    expect(problem!.message).toContain("{{count}}");
    // Russian "one" is 1, 21, 31…: it must show the number.
    const ru = {
      common: {
        errors: {
          minChoices_one: "Выберите хотя бы один вариант.",
          minChoices_few: "Выберите хотя бы {{count}} варианта.",
          minChoices_many: "Выберите хотя бы {{count}} вариантов.",
          minChoices_other: "Выберите хотя бы {{count}} варианта.",
        },
      },
    };
    const [russian] = find(buildReport({ meta, resources: { en, ru } }), "ru", "errors.minChoices_one");
    expect(russian).toMatchObject({ kind: "pluralCount", file: "locales/ru/common.json" });
    expect(russian!.message).toContain("1, 21");
  });

  it("warns (without failing) on a text identical to English, unless declared a name or code for that language", () => {
    const es = { common: { ...esComplete.common, form: { next: "Next" } }, survey: { title: "No" } };
    const english = { ...en, common: { ...en.common, form: { next: "Next" } }, survey: { title: "No" } };
    const report = buildReport({ meta, resources: { en: english, es } });
    expect(find(report, "es", "form.next")).toMatchObject([
      { kind: "sameAsEnglish", blocking: false, file: "locales/es/common.json" },
    ]);
    expect(report.ok).toBe(true);
    const declared = parseLocaleMeta({ sameAsEnglish: { "*": ["common:app.*"], es: ["common:form.next", "survey:title"] } });
    expect(buildReport({ meta: declared, resources: { en: english, es } }).problems).toEqual([]);
    // Declared for Spanish only: French "No" is still worth a look.
    const fr = { survey: { title: "No" } };
    expect(find(buildReport({ meta: declared, resources: { en: english, fr } }), "fr", "title")).toMatchObject([
      { kind: "sameAsEnglish" },
    ]);
  });

  it("fails on a text longer than the length _meta.json declares for it", () => {
    const limited = parseLocaleMeta({ sameAsEnglish: { "*": ["common:app.name"] }, maxLength: { "common:app.greeting": 10 } });
    const [problem] = find(
      buildReport({ meta: limited, resources: { en, es: withText("greeting", "Muy buenos días {{name}}") } }),
      "es",
      "app.greeting",
    );
    expect(problem).toMatchObject({ kind: "tooLong", blocking: true });
    expect(problem!.message).toContain("room for 10");
  });

  it("reports every file that is not valid JSON with its line and column, and checks the others", () => {
    const report = buildReport({
      meta,
      resources: { en, es: {} },
      brokenFiles: [
        { language: "es", namespace: "common", line: 3, column: 14, message: "Expected ',' or '}' after property value" },
      ],
    });
    expect(report.problems).toMatchObject([
      { kind: "invalidJson", key: "line 3, column 14", file: "locales/es/common.json", blocking: true },
    ]);
  });
});
