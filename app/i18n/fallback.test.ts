import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { flatten, splitPluralKey } from "./locale-tree";

/**
 * A language is added by dropping a folder into locales/ and enabling it (LANGUAGES). With the
 * fixture folder (tests/fixtures/locales: en, es, and a half-translated fr) enabled, the app's own
 * i18next setup (i18next.server.ts, pointed at the folder with LOCALES_DIR) must offer French and
 * show English for every text French lacks: never a raw key. (enabled-languages.test.ts: not enabled.)
 */
const fixtures = path.resolve("tests/fixtures/locales");

type Server = typeof import("./i18next.server");
type Resources = typeof import("./resources.server");
let server: Server;
let resourcesModule: Resources;

beforeAll(async () => {
  vi.stubEnv("LOCALES_DIR", fixtures);
  vi.stubEnv("LANGUAGES", "en,es,fr");
  vi.resetModules(); // resources.server reads LOCALES_DIR when it is first imported
  resourcesModule = await import("./resources.server");
  server = await import("./i18next.server");
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("a language added as a folder and enabled", () => {
  it("is read by loadResources and offered by the app", () => {
    expect(Object.keys(resourcesModule.loadResources(fixtures))).toEqual(["en", "es", "fr"]);
    expect(server.supportedLanguages).toEqual(["en", "es", "fr"]);
  });

  it("can be chosen with ?lng=", async () => {
    expect(await server.languageOf(new Request("http://localhost/q/x?lng=fr"))).toBe("fr");
  });

  it("shows its own texts, with placeholders filled in", () => {
    expect(server.fixedT("fr")("form.next")).toBe("Suivant");
    expect(server.fixedT("fr")("app.greeting", { name: "Ana" })).toBe("Bonjour Ana");
    expect(server.fixedT("fr")("errors.minChoices", { count: 2 })).toBe("Veuillez choisir au moins 2 options.");
  });

  it("falls back to English for a missing key and a missing file", () => {
    expect(server.fixedT("fr")("thanks.title")).toBe("Thank you");
    expect(server.fixedT("fr", "survey")("title")).toBe("A small survey");
    expect(server.fixedT("fr", "survey")("lists.yes_no.1")).toBe("Yes");
  });

  it("never shows a raw key for any English key, in any language", () => {
    const en = resourcesModule.loadResources(fixtures).en!;
    for (const language of server.supportedLanguages) {
      for (const [namespace, tree] of Object.entries(en)) {
        const t = server.fixedT(language, namespace);
        for (const key of flatten(tree).keys()) {
          const base = splitPluralKey(key)?.base;
          for (const count of base ? [0, 1, 2, 5, 1_000_000] : [undefined]) {
            const shown = base ? t(base, { count }) : t(key);
            expect(shown, `${language} ${namespace}:${key} ${count ?? ""}`).not.toBe(base ?? key);
            expect(shown).not.toBe("");
          }
        }
      }
    }
  });
});

describe("plural forms in i18next v23 (why the check asks for _many in Spanish and French)", () => {
  it("uses Spanish _many for a million", () => {
    expect(server.fixedT("es")("errors.minChoices", { count: 1_000_000 })).toBe("Por favor, elija al menos 1000000 opciones.");
  });

  it("does not fall back from a missing _many to _other, but to English", () => {
    // fr/common.json has _one and _other only.
    expect(server.fixedT("fr")("errors.minChoices", { count: 1_000_000 })).toBe("Please choose at least 1000000 options.");
    expect(server.fixedT("fr")("errors.minChoices", { count: 1_000_001 })).toBe("Veuillez choisir au moins 1000001 options.");
  });
});
