import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnabledLanguages, splitLanguages } from "./config";

/**
 * A folder in locales/ is a translation in progress until LANGUAGES enables it: the fixture
 * folder's 1 % French (tests/fixtures/locales/fr) must not reach respondents by being there.
 */
const fixtures = path.resolve("tests/fixtures/locales");

async function serverWith(languages?: string) {
  vi.stubEnv("LOCALES_DIR", fixtures);
  if (languages !== undefined) vi.stubEnv("LANGUAGES", languages);
  else vi.stubEnv("LANGUAGES", undefined as unknown as string);
  vi.resetModules(); // resources.server and env.server read the environment when first imported
  return import("./i18next.server");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("a language folder that LANGUAGES does not enable", () => {
  it("is not offered: not by ?lng=, not by the cookie, not by Accept-Language", async () => {
    const server = await serverWith();
    expect(server.supportedLanguages).toEqual(["en", "es"]);
    expect(server.availableLanguages).toEqual(["fr"]);
    expect(await server.languageOf(new Request("http://localhost/q/x?lng=fr"))).toBe("en");
    expect(await server.languageOf(new Request("http://localhost/q/x", { headers: { cookie: "lng=fr" } }))).toBe("en");
    const accepts = new Request("http://localhost/q/x", { headers: { "accept-language": "fr-FR, fr;q=0.9" } });
    expect(await server.languageOf(accepts)).toBe("en");
  });

  it("is offered once enabled, in the order LANGUAGES gives, English first", async () => {
    const server = await serverWith("fr,es");
    expect(server.supportedLanguages).toEqual(["en", "fr", "es"]);
    expect(server.availableLanguages).toEqual([]);
    expect(await server.languageOf(new Request("http://localhost/q/x?lng=fr"))).toBe("fr");
  });
});

describe("the LANGUAGES setting", () => {
  it("always has English, first, and each language once", () => {
    expect(parseEnabledLanguages(" es, fr ,es")).toEqual(["en", "es", "fr"]);
    expect(parseEnabledLanguages("")).toEqual(["en"]);
  });

  it("refuses what is not a language code, saying so", () => {
    expect(() => parseEnabledLanguages("en,Spanish")).toThrow(/Spanish is not a language code/);
  });

  it("refuses at start a language enabled without its folder", async () => {
    expect(() => splitLanguages(["en", "de"], ["en", "es"])).toThrow(/enables de, but the locales folder has no de\/ folder/);
    await expect(serverWith("en,de")).rejects.toThrow(/enables de/);
  });
});
