import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { expectNoAxeViolations, openBrowser, saveScreenshot, SCREENSHOTS } from "../support/browser";
import { COMPENDIUM_RESPONDENTS, seedRespondents } from "../support/compendium";
import { startServer, type RunningServer } from "../support/server";

// The pages issue #22 changed, as an organiser sees them on a laptop (1366 px) in both languages: each
// fits without sideways scrolling, axe finds nothing, and a screenshot is left in test-results/screenshots
// for a person to compare with the rest of the app. The respondent pages are shot at 360 px by
// respondent-phone.test.ts.

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
  await seedRespondents(server.databasePath);
  await createAccount(server.databasePath, "lead@example.org", "admin", "a long admin password");
});
afterAll(async () => {
  await server?.stop();
});

const LAPTOP = { width: 1366, height: 768 };
const submitted = COMPENDIUM_RESPONDENTS.find((r) => !r.draft)!;

async function signIn(page: Page) {
  await page.goto(`${server.url}/organiser/login`);
  await page.locator('input[name="email"]').fill("lead@example.org");
  await page.locator('input[name="password"]').fill("a long admin password");
  await Promise.all([page.waitForURL(/\/organiser$/), page.locator("main form button[type=submit]").click()]);
}

async function shoot(page: Page, pathname: string, name: string) {
  const response = await page.goto(`${server.url}${pathname}`);
  expect(response?.status(), pathname).toBe(200);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${pathname} scrolls sideways`).toBeLessThanOrEqual(
    LAPTOP.width,
  );
  await expectNoAxeViolations(page);
  await saveScreenshot(page, name);
}

const PAGES: Array<[pathname: string, name: string]> = [
  ["/organiser", "dashboard"],
  ["/organiser/invitations", "invitations"],
  ["/organiser/themes", "themes"],
  ["/organiser/coding", "coding-agreement"],
  ["/organiser/audit", "audit-log"],
  ["/organiser/responses", "responses"],
  [`/organiser/responses/${submitted.id}`, "response-detail"],
];

describe("the organiser pages at 1366 px", () => {
  it("fit, pass axe and leave a screenshot each, in English and in Spanish", async () => {
    // Only this file's shots: the respondent walk leaves its own beside them.
    const ours = (file: string) => file.startsWith("organiser-") && file.endsWith(".png");
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const old of fs.readdirSync(SCREENSHOTS).filter(ours)) fs.rmSync(path.join(SCREENSHOTS, old));
    for (const language of ["en", "es"]) {
      const browser = await openBrowser({ javaScript: true, locale: language === "es" ? "es-MX" : "en-GB" });
      try {
        const page = await browser.newPage();
        await page.setViewportSize(LAPTOP);
        await signIn(page);
        // Something to read on each page: an invitation, the meeting's themes, entries in the audit log.
        await page.goto(`${server.url}/organiser/invitations`);
        if (language === "en") {
          const add = page.locator('form:has(input[name="intent"][value="add"])');
          await add.locator('input[name="name"]').fill("Rosa Méndez");
          await add.locator('input[name="email"]').fill("rosa@example.org");
          await add.locator('input[name="organisation"]').fill("Asociación de Hoteles");
          await Promise.all([page.waitForLoadState("load"), add.locator("button[type=submit]").click()]);
          await page.goto(`${server.url}/organiser/themes`);
          await page.locator('button[name="intent"][value="seed"]').click();
          await page.waitForLoadState("load");
        }
        for (const [pathname, name] of PAGES) await shoot(page, pathname, `organiser-${name}-1366-${language}`);
      } finally {
        await browser.close();
      }
    }
    const shots = fs.readdirSync(SCREENSHOTS).filter(ours);
    expect(shots).toHaveLength(PAGES.length * 2);
    for (const shot of shots) expect(fs.statSync(path.join(SCREENSHOTS, shot)).size).toBeGreaterThan(5_000);
  }, 240_000);
});
