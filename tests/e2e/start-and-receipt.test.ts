import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { query } from "../support/db";
import { measurePage } from "../support/page-weight";
import { startServer, type RunningServer } from "../support/server";

// The start page and the receipt on a small phone (320 px), with JavaScript and without: consent
// first, the shortest way through in Spanish, then the receipt, the link again, and print.

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ PRIVACY_CONTACT: "privacidad@unodc.example.org" });
});
afterAll(async () => {
  await server?.stop();
});

const PHONE = { width: 320, height: 640 };
const RUN = 120_000;
const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const press = async (page: Page, name: string, to: RegExp) => {
  await Promise.all([page.waitForURL(to), page.getByRole("button", { name, exact: true }).click()]);
};
/** Nothing wider than the screen: no sideways scrolling. */
const fitsTheScreen = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe.each([{ javaScript: false }, { javaScript: true }])("at 320 px, with JavaScript $javaScript", ({ javaScript }) => {
  it(
    "asks consent on the start page before anything is stored, and shows the receipt after submitting",
    async () => {
      const browser = await openBrowser({ javaScript, locale: "es-MX" });
      try {
        const page = await browser.newPage();
        await page.setViewportSize(PHONE);
        const responsesBefore = query(server.databasePath, "select id from responses").length;

        await page.goto(`${server.url}/q/pre-regm`);
        expect(await page.getByText("Oficina de las Naciones Unidas contra la Droga y el Delito").count()).toBeGreaterThan(0);
        expect(await page.getByText(/Responder le llevará entre \d+ y \d+ minutos/).count()).toBe(1);
        expect(await page.getByRole("heading", { name: "Cómo se tratan sus datos" }).count()).toBe(1);
        expect(await page.getByRole("link", { name: /código para continuar/ }).count()).toBe(1);
        expect(await fitsTheScreen(page)).toBe(true);
        await expectNoAxeViolations(page);

        // The box is required: the browser itself stops a start without it (the server too: tests/integration).
        expect(await page.getByLabel(/He leído esta información y acepto/).getAttribute("required")).not.toBeNull();
        expect(query(server.databasePath, "select id from responses").length).toBe(responsesBefore);

        await page.getByLabel(/He leído esta información y acepto/).check();
        await press(page, "Aceptar y comenzar", /\/s\/about$/);
        expect(query(server.databasePath, "select id from responses").length).toBe(responsesBefore + 1);

        await page
          .getByRole("group", { name: /¿En qué tipo de organización trabaja usted\?/ })
          .getByLabel("Ministerio u organismo de gobierno")
          .check();
        await page.getByLabel(/¿En qué país/).selectOption({ label: "Guatemala" });
        await page.getByLabel("Nacional: un solo país").check();
        await page.getByLabel("De 5 a 9 años").check();
        await page.getByLabel("Ninguna de estas", { exact: true }).check();
        await press(page, "Siguiente", /\/s\/practices$/);
        await press(page, "Siguiente", /\/s\/lessons$/);
        await press(page, "Siguiente", /\/s\/roles$/);
        await press(page, "Siguiente", /\/s\/follow_up$/);
        await page.getByLabel(/De forma anónima/).check();
        await page.getByLabel(/¿A qué dirección de correo electrónico/).fill("experta@ejemplo.org");
        await press(page, "Continuar a la revisión", /\/review$/);
        await press(page, "Enviar mis respuestas", /\/thanks$/);

        expect(await h1(page)).toBe("Gracias");
        expect(await page.getByText(/^[0-9A-F]{4}-[0-9A-F]{4}$/).count()).toBe(1);
        expect(await page.getByRole("heading", { name: "Sus respuestas" }).count()).toBe(1);
        expect(await page.getByText("Guatemala").count()).toBeGreaterThan(0);
        expect(await page.getByRole("link", { name: "privacidad@unodc.example.org" }).count()).toBe(1);
        expect(await fitsTheScreen(page)).toBe(true);
        await expectNoAxeViolations(page);

        // The receipt by e-mail: once.
        await press(page, "Enviar este comprobante a experta@ejemplo.org", /mail=queued$/);
        expect(await page.getByText("El comprobante va en camino a experta@ejemplo.org.").count()).toBe(1);
        await expectNoAxeViolations(page);

        // The link again, or a section: the receipt, never a blank questionnaire.
        for (const path of ["/q/pre-regm", "/q/pre-regm/s/about"]) {
          await page.goto(`${server.url}${path}`);
          expect(new URL(page.url()).pathname).toBe("/q/pre-regm/thanks");
          expect(await page.getByText("Usted ya envió sus respuestas desde este dispositivo.").count()).toBe(1);
        }
        expect(query(server.databasePath, "select id from responses").length).toBe(responsesBefore + 1);

        // On paper: the answers without the site's header or buttons.
        await page.emulateMedia({ media: "print" });
        expect(await page.locator("header.site").isVisible()).toBe(false);
        expect(await page.getByRole("heading", { name: "Sus respuestas" }).isVisible()).toBe(true);
        await page.emulateMedia({ media: "screen" });

        for (const path of ["/q/pre-regm/thanks", "/q/pre-regm/resume"]) {
          const weight = await measurePage(browser, `${server.url}${path}`);
          expect(weight.total, `${weight.url}: ${JSON.stringify(weight.transferred)}`).toBeLessThanOrEqual(15 * 1024);
        }
      } finally {
        await browser.close();
      }
    },
    RUN,
  );
});

describe("the start page's weight", () => {
  it("stays within 15 KB on the wire", async () => {
    const browser = await openBrowser({ javaScript: true, locale: "en-GB" });
    try {
      const weight = await measurePage(browser, `${server.url}/q/pre-regm`);
      expect(weight.total, JSON.stringify(weight.transferred)).toBeLessThanOrEqual(15 * 1024);
    } finally {
      await browser.close();
    }
  });
});
