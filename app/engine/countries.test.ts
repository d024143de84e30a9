import countries from "i18n-iso-countries";
import { describe, expect, it } from "vitest";
import preRegm from "~/questionnaires/pre-regm";
import { codesInRegion, country, countryCodeOf, countryCodes, countryName, countryOptions, regionName } from "./countries";
import { M49_ROWS } from "./data/m49";

describe("UN country names and M49 regions", () => {
  it("names countries as the UN does, in English and Spanish", () => {
    const names: Array<[string, string, string]> = [
      ["KN", "Saint Kitts and Nevis", "Saint Kitts y Nevis"],
      ["CG", "Congo", "Congo"],
      ["CD", "Democratic Republic of the Congo", "República Democrática del Congo"],
      ["PS", "State of Palestine", "Estado de Palestina"],
      ["GY", "Guyana", "Guyana"],
      ["SR", "Suriname", "Suriname"],
      ["TT", "Trinidad and Tobago", "Trinidad y Tabago"],
      ["BO", "Bolivia (Plurinational State of)", "Bolivia (Estado Plurinacional de)"],
      ["VE", "Venezuela (Bolivarian Republic of)", "Venezuela (República Bolivariana de)"],
      ["TR", "Türkiye", "Türkiye"],
      ["GB", "United Kingdom of Great Britain and Northern Ireland", "Reino Unido de Gran Bretaña e Irlanda del Norte"],
      ["VA", "Holy See", "Santa Sede"],
    ];
    for (const [code, en, es] of names) {
      expect(countryName(code, "en"), code).toBe(en);
      expect(countryName(code, "es"), code).toBe(es);
    }
    // A regional variant of a language reads the same names; a language the data lacks reads CLDR's.
    expect(countryName("KN", "es-MX")).toBe("Saint Kitts y Nevis");
    expect(countryName("KN", "fr")).toBe(new Intl.DisplayNames(["fr"], { type: "region" }).of("KN"));
  });

  it("lists the 193 Member States and the 2 observer States, each once with its M49 and ISO codes", () => {
    expect(M49_ROWS.filter((r) => r[5] === "m")).toHaveLength(193);
    expect(M49_ROWS.filter((r) => r[5] === "o").map((r) => r[0])).toEqual(["PS", "VA"]);
    expect(new Set(M49_ROWS.map((r) => r[0])).size).toBe(M49_ROWS.length);
    for (const [alpha2, alpha3, m49] of M49_ROWS) {
      // The M49 numeric code is the ISO 3166-1 numeric code wherever both exist.
      expect([alpha3, m49], alpha2).toEqual([countries.alpha2ToAlpha3(alpha2), countries.alpha2ToNumeric(alpha2)]);
    }
  });

  it("keeps every code an earlier answer may hold valid and named", () => {
    for (const code of Object.keys(countries.getAlpha2Codes())) {
      expect(countryCodes.has(code), code).toBe(true);
      expect(countryName(code, "es"), code).not.toBe(code);
    }
  });

  it("reads back a name a country field offered, in any language it was shown in", () => {
    expect(countryCodeOf("republica democratica del congo")).toBe("CD");
    expect(countryCodeOf("Congo")).toBe("CG");
    expect(countryCodeOf(countryName("DE", "fr"))).toBe("DE");
    expect(countryCodeOf("Atlantis")).toBeUndefined();
  });

  it("places countries in their M49 regions", () => {
    expect(country("GY")).toMatchObject({ region: "019", subRegion: "419", intermediateRegion: "005" });
    expect(codesInRegion("013").sort()).toEqual(["BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"]);
    expect(regionName("029", "es")).toBe("Caribe");
    expect(regionName("419", "en")).toBe("Latin America and the Caribbean");
  });

  it("offers the meeting's whole region first: Mexico, Central America, the Caribbean, Guyana and Suriname", () => {
    const question = preRegm.sections
      .flatMap((s) => s.questions as ReadonlyArray<{ id: string }>)
      .find((q) => q.id === "country") as unknown as {
      priority: string[];
    };
    const region = [...codesInRegion("013", "m"), ...codesInRegion("029", "m"), "GY", "SR"];
    expect(question.priority).toEqual(expect.arrayContaining(region));
    const { priority, rest } = countryOptions("es", question.priority);
    expect(priority.slice(0, 1)).toEqual(["MX"]);
    expect(rest).not.toContain("GY");
    expect(rest).toContain("CD");
  });

  it("sorts the others by their name in the respondent's language", () => {
    const { rest } = countryOptions("es");
    expect(rest.indexOf("DE")).toBeLessThan(rest.indexOf("AR")); // Alemania before Argentina
    expect(rest).not.toContain("TW"); // not listed by the M49: valid in earlier answers, no longer offered
  });
});
