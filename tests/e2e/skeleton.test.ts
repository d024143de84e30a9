import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const password = "e2e-organiser-secret";

beforeAll(async () => {
  server = await startServer({ ORGANISER_PASSWORD: password });
});
afterAll(async () => {
  await server?.stop();
});

async function exportedRows() {
  const response = await fetch(`${server.url}/organiser/export.csv`, {
    headers: { Authorization: `Basic ${btoa(`organiser:${password}`)}` },
  });
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, "");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

describe.each([
  { javaScript: false, role: "Oficial de cumplimiento (sin JS)" },
  { javaScript: true, role: "Oficial de cumplimiento (con JS)" },
])("a Spanish-speaking expert with JavaScript $javaScript", ({ javaScript, role }) => {
  it("answers the first slice and the answer reaches the coded CSV", async () => {
    const browser = await openBrowser({ javaScript, locale: "es-MX" });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      expect(await page.getAttribute("html", "lang")).toBe("es");
      await expect.poll(() => page.title()).toContain("Sobre usted");
      await expectNoAxeViolations(page);

      await page.getByLabel("Otro", { exact: true }).check();
      await page.getByLabel("Por favor, especifique").fill("Fundación comunitaria");
      await page.getByLabel(/¿En qué país se encuentra usted\?/).selectOption({ label: "Honduras" });
      await page.getByLabel(/¿Qué cargo o función desempeña/).fill(role);
      await page.getByRole("button", { name: "Continuar a la revisión" }).click();
      await page.waitForURL(/\/review$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Revise sus respuestas");
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Enviar mis respuestas" }).click();

      await page.waitForURL(/\/thanks$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Gracias");
      expect(await page.getAttribute("html", "lang")).toBe("es");
      await expectNoAxeViolations(page);
    } finally {
      await browser.close();
    }
    const row = (await exportedRows()).find((r) => r.role === role);
    expect(row).toMatchObject({ language: "es", status: "submitted", org_type: "96", org_type_other: "Fundación comunitaria", country: "HN" });
  });
});

describe("the language switcher", () => {
  it("is a plain form that keeps the person on the same page", async () => {
    const browser = await openBrowser({ javaScript: false, locale: "en-GB" });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/q/pre-regm/s/about`);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page.getByLabel("Language").selectOption("es");
      await page.getByRole("button", { name: "Change language" }).click();
      await page.waitForURL(/\/q\/pre-regm\/s\/about\?lng=es$/);
      expect(await page.getAttribute("html", "lang")).toBe("es");
      // The choice is remembered without the query string.
      await page.goto(`${server.url}/q/pre-regm/s/about`);
      expect(await page.getAttribute("html", "lang")).toBe("es");
    } finally {
      await browser.close();
    }
  });
});
