import Papa from "papaparse";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const organiser = { email: "organiser@example.org", password: "correct horse battery" };

beforeAll(async () => {
  server = await startServer();
  await createAccount(server.databasePath, organiser.email, "organiser", organiser.password);
});
afterAll(async () => {
  await server?.stop();
});

/** Signs in as an organiser and downloads the coded CSV of the Pre-REGM questionnaire. */
async function exportedRows() {
  const login = await fetch(`${server.url}/organiser/login`, {
    method: "POST",
    body: new URLSearchParams(organiser),
    redirect: "manual",
  });
  expect(login.status).toBe(302);
  const session = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${server.url}/organiser/export/file`, {
    method: "POST",
    body: new URLSearchParams({ q: "pre-regm", format: "coded" }),
    headers: { Cookie: session },
  });
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, "");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

const next = async (page: Page, to: RegExp) => {
  await Promise.all([page.waitForURL(to), page.getByRole("button", { name: "Siguiente", exact: true }).click()]);
};

describe.each([
  { javaScript: false, role: "Oficial de cumplimiento (sin JS)" },
  { javaScript: true, role: "Oficial de cumplimiento (con JS)" },
])("a Spanish-speaking expert with JavaScript $javaScript", ({ javaScript, role }) => {
  it("answers the questionnaire and the answers reach the coded CSV", async () => {
    const browser = await openBrowser({ javaScript, locale: "es-MX" });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      expect(await page.getAttribute("html", "lang")).toBe("es");
      await page.getByLabel(/He leído esta información y acepto/).check();
      await Promise.all([page.waitForURL(/\/s\/about$/), page.getByRole("button", { name: "Aceptar y comenzar" }).click()]);
      await expect.poll(() => page.title()).toContain("Sobre usted");
      await expectNoAxeViolations(page);

      const orgType = page.getByRole("group", { name: /¿En qué tipo de organización trabaja usted\?/ });
      await orgType.getByLabel("Otro", { exact: true }).check();
      await orgType.getByLabel("Por favor, especifique").fill("Fundación comunitaria");
      await page.getByLabel(/¿En qué país trabaja principalmente\?/).selectOption({ label: "Honduras" });
      await page.getByLabel("Regional: varios países de una misma región").check();
      await page.getByLabel(/¿Qué cargo o función desempeña/).fill(role);
      await page.getByLabel("Menos de 1 año").check();
      await page.getByLabel("Ninguna de estas", { exact: true }).check();
      // No area chosen: the challenge pages are skipped, and the other sections are optional.
      await next(page, /\/s\/practices$/);
      await next(page, /\/s\/lessons$/);
      await next(page, /\/s\/roles$/);
      await next(page, /\/s\/follow_up$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Seguimiento");
      await expectNoAxeViolations(page);
      await page.getByLabel("No deseo que se citen mis respuestas").check();
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
    expect(row).toMatchObject({
      language: "es",
      status: "submitted",
      org_type: "96",
      org_type_other: "Fundación comunitaria",
      industry: "-88",
      country: "HN",
      scope: "3",
      years: "2",
      areas___3: "0",
      areas___97: "1",
      consent: "1",
      cite: "3",
    });
  });
});

describe("the language switcher", () => {
  it("is a plain form that keeps the person on the same page", async () => {
    const browser = await openBrowser({ javaScript: false, locale: "en-GB" });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/q/pre-regm`);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page.getByLabel("Language").selectOption("es");
      await page.getByRole("button", { name: "Change language" }).click();
      await page.waitForURL(/\/q\/pre-regm\?lng=es$/);
      expect(await page.getAttribute("html", "lang")).toBe("es");
      // The choice is remembered without the query string.
      await page.goto(`${server.url}/q/pre-regm`);
      expect(await page.getAttribute("html", "lang")).toBe("es");
    } finally {
      await browser.close();
    }
  });
});
