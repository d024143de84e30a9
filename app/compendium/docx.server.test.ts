import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../tests/support/test-env";
import { compendiumDocx } from "./docx.server";
import type { Draft } from "./draft.server";

const entry = {
  number: 1,
  title: "Camioneros contra la trata",
  summary: "Primer párrafo.\n\nSegundo párrafo.",
  facts: [{ label: "Países", value: "México" }],
  countries: ["México"],
  sources: ["Respuesta 0000000a del 2026-12-01, ejemplo 1: Asociación, México"],
};
const draft: Draft = {
  language: "es",
  title: "Compendio",
  sectors: [{ label: "Cadenas de suministro", practices: [{ label: "Formación", entries: [entry] }] }],
  countryIndex: [{ country: "México", entries: [1] }],
  entries: [entry],
  leftOut: { pending: 0, refused: 0, untranslated: 0, names: 0 },
};

const part = (file: string, name: string) => execFileSync("unzip", ["-p", file, name], { encoding: "utf8" });

describe("the Word document", () => {
  it("holds contents, sectors, entries, the country index and sources in order, in the draft's language", async () => {
    const file = path.join(tempDir(), "draft.docx");
    fs.writeFileSync(file, await compendiumDocx(draft));
    const text = part(file, "word/document.xml")
      .replace(/<\/w:p>/g, "\n")
      .replace(/<[^>]+>/g, "");
    expect(text).toMatch(
      /Compendio\nÍndice\nCadenas de suministro\nFormación\n1\. Camioneros contra la trata\nCadenas de suministro\nFormación\n1\. Camioneros contra la trata\nPrimer párrafo\.\nSegundo párrafo\.\nPaíses: México\nÍndice de países\nMéxico: 1\nFuentes\n1\. Camioneros contra la trata\nRespuesta 0000000a/,
    );
    expect(part(file, "word/styles.xml")).toContain('w:lang w:val="es"');
  });
});
