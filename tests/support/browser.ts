import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, expect } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from "./chromium";
import { tempDir } from "./test-env";

const withoutJavaScript = new WeakSet<BrowserContext>();

/** Debian's Chromium, headless, with a fresh profile; no browser is ever downloaded. */
export async function openBrowser({ javaScript = true, locale = "en-GB" } = {}): Promise<BrowserContext> {
  requireChromium();
  const context = await chromium.launchPersistentContext(path.join(tempDir("consulta-chromium-"), "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: javaScript,
    locale,
    args: CHROMIUM_ARGS,
  });
  if (!javaScript) withoutJavaScript.add(context);
  return context;
}

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/**
 * axe needs script, so a page seen without JavaScript is checked as a copy: the same HTML,
 * at the same address, in a page that runs axe but blocks the app's own scripts.
 */
let checker: Promise<BrowserContext> | undefined;
afterAll(async () => {
  await (await checker)?.close();
  checker = undefined;
});

async function axeViolationsWithoutJavaScript(page: Page): Promise<string[]> {
  const html = await page.content();
  const url = page.url();
  checker ??= openBrowser({ javaScript: true });
  const copy = await (await checker).newPage();
  try {
    await copy.route("**/*.js", (route) => route.abort());
    await copy.route(url, (route) => route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }));
    await copy.goto(url);
    return await axeViolations(copy);
  } finally {
    await copy.close();
  }
}

/** Runs axe-core on the page and fails on any WCAG 2.1 A or AA violation. */
export async function expectNoAxeViolations(page: Page) {
  const violations = withoutJavaScript.has(page.context())
    ? await axeViolationsWithoutJavaScript(page)
    : await axeViolations(page);
  expect(violations).toEqual([]);
}

/** Where browser tests leave their screenshots for a person to look at: an artefact of the run, never committed. */
export const SCREENSHOTS = path.resolve("test-results/screenshots");

/** Saves the whole page as test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
