import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser, saveScreenshot } from "../support/browser";
import { latestAnswers } from "../support/db";
import { startServer, type RunningServer } from "../support/server";

// The Pre-REGM questionnaire on a 320 px phone, in Spanish, with and without JavaScript (issue #17):
// every page fits without sideways scrolling, axe finds nothing, the grids are one radio group per
// row with targets at least 44 px high. Controls are found by their field names, not their wording,
// which translators may change. Each page checked is also shot at 360 px into test-results/screenshots
// for a person to look at.

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const WALK = 240_000;
const PHONE = { width: 320, height: 640 };
const SHOT = { width: 360, height: 740 };
let shots = 0;
let shotPrefix = "";
const base = () => `${server.url}/q/pre-regm`;

async function checkPage(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${page.url()} scrolls sideways`).toBeLessThanOrEqual(
    PHONE.width,
  );
  // Every control shown is within the screen's width (none cut off at the right).
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("input:not([type=hidden]), select, textarea, button, label, legend")]
      .filter((e) => e.getClientRects().length > 0 && !e.closest(".visually-hidden, .hp, .skip"))
      .filter((e) => {
        const box = e.getBoundingClientRect();
        return box.left < 0 || box.right > document.documentElement.clientWidth;
      })
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  expect(outside).toEqual([]);
  await expectNoAxeViolations(page);
  await page.setViewportSize(SHOT);
  const where = new URL(page.url()).pathname.replace(/^\/q\/pre-regm\/?/, "").replaceAll("/", "-") || "start";
  await saveScreenshot(page, `respondent-360-${shotPrefix}-${String(++shots).padStart(2, "0")}-${where}`);
  await page.setViewportSize(PHONE);
}

const next = (page: Page) => page.locator('form[data-section] .actions button[value="next"]');
async function nextTo(page: Page, to: RegExp) {
  await Promise.all([page.waitForURL(to), next(page).click()]);
}

/** Answers every row of every grid on the page, checking each row is a group with large targets. */
async function rateGrid(page: Page) {
  const rows = page.locator("fieldset.matrix-row");
  expect(await rows.count()).toBe(10);
  for (let i = 0; i < 10; i++) {
    const row = rows.nth(i);
    // A labelled radio group per row: its legend names it.
    expect(await row.getByRole("group").count()).toBe(0);
    expect((await row.locator("legend").textContent())!.length).toBeGreaterThan(3);
    const targets = row.locator("label.point");
    for (const box of await targets.evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect()))) {
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThan(PHONE.width * 0.75);
    }
    // The whole target answers: a tap on the label's far end checks its radio.
    const target = targets.nth(i % 4);
    await target.scrollIntoViewIfNeeded();
    const box = (await target.boundingBox())!;
    await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2);
    expect(await target.locator("input").isChecked()).toBe(true);
  }
}

/** Opens the start page in Spanish, gives consent and arrives at the first section. */
async function consentAndStart(page: Page, check?: (page: Page) => Promise<void>) {
  await page.goto(`${base()}?lng=es`);
  if (check) await check(page);
  await page.locator('input[name="consent"]').check();
  await Promise.all([page.waitForURL(/\/s\/about/), page.locator('form#start button[type="submit"]').click()]);
}

/** The required answers of the first section, with the areas given. */
async function answerAbout(page: Page, areas: number[]) {
  await page.locator('input[name="org_type"][value="1"]').check();
  await page.locator('select[name="country"]').selectOption("MX");
  await page.locator('input[name="scope"][value="2"]').check();
  await page.locator('input[name="years"][value="3"]').check();
  for (const code of areas) await page.locator(`input[name="areas"][value="${code}"]`).check();
}

async function walk(javaScript: boolean) {
  shotPrefix = javaScript ? "js" : "nojs";
  const browser = await openBrowser({ javaScript, locale: "es-MX" });
  try {
    const page = await browser.newPage();
    await page.setViewportSize(PHONE);
    await consentAndStart(page, checkPage);
    expect(await page.getAttribute("html", "lang")).toBe("es");
    await checkPage(page);

    // The language switch carries what was typed, with or without script (a submit of the page's form).
    await page.locator('input[name="role"]').fill("Analista");
    await page.locator("[data-language-switcher] select").selectOption("en");
    await Promise.all([page.waitForURL(/lng=en/), page.locator("[data-language-switcher] button").click()]);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator('input[name="role"]').inputValue()).toBe("Analista");
    await page.locator("[data-language-switcher] select").selectOption("es");
    await Promise.all([page.waitForURL(/lng=es/), page.locator("[data-language-switcher] button").click()]);
    expect(await page.getAttribute("html", "lang")).toBe("es");

    await answerAbout(page, []);
    const area = (code: number) => page.locator(`input[name="areas"][value="${code}"]`);
    if (javaScript) {
      // "None of these" excludes the others in the browser too.
      await area(1).check();
      await area(97).check();
      expect(await area(1).isChecked()).toBe(false);
      await area(2).check();
      expect(await area(97).isChecked()).toBe(false);
    }
    for (const code of [1, 2, 3]) await area(code).check();
    await nextTo(page, /\/s\/ch_supply$/);

    for (const [id, nextId] of [
      ["ch_supply", "ch_fin"],
      ["ch_fin", "ch_tech"],
      ["ch_tech", "practices"],
    ] as const) {
      expect(page.url()).toMatch(new RegExp(`/s/${id}$`));
      await checkPage(page);
      if (javaScript && id === "ch_supply") {
        // A grid's error stays on the rows still empty while others are answered.
        await next(page).click();
        const rows = page.locator("fieldset.matrix-row");
        expect(await rows.locator(".errors").evaluateAll((e) => e.filter((x) => x.textContent).length)).toBe(10);
        await rows.nth(0).locator("label.point").first().click();
        expect(await rows.nth(0).locator(".errors").textContent()).toBe("");
        expect(await rows.nth(1).locator(".errors").textContent()).not.toBe("");
        await checkPage(page);
      }
      await rateGrid(page);
      await nextTo(page, new RegExp(`/s/${nextId}$`));
    }

    await checkPage(page);
    // "Add an example": no error alert, and focus on the new item.
    await Promise.all([page.waitForLoadState("load"), page.locator('button[name="__intent__"][value*="insert"]').click()]);
    await page.locator("fieldset.item").first().waitFor();
    expect(await page.locator(".summary").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.matches("fieldset.item"))).toBe(true);
    await checkPage(page);
    await page.locator('input[name="ppp_ex[0].name"]').fill("Línea Nacional");
    await page.locator('textarea[name="ppp_ex[0].activities"]').fill("Atiende denuncias.");
    await page.locator('input[name="ppp_ex[0].may_cite"][value="1"]').check();
    await nextTo(page, /\/s\/lessons$/);

    await checkPage(page);
    // The other respondent pages fit too: "save and continue later", and resuming by code.
    await Promise.all([page.waitForURL(/\/saved$/), page.locator('form[data-section] button[value="save"]').click()]);
    await checkPage(page);
    await page.goto(`${base()}/resume?lng=es`);
    await checkPage(page);
    await page.goto(`${base()}/s/lessons?lng=es`);
    await nextTo(page, /\/s\/roles$/);
    await checkPage(page);
    await nextTo(page, /\/s\/follow_up$/);
    await checkPage(page);
    await page.locator('input[name="cite"][value="3"]').check();
    await nextTo(page, /\/review$/);
    await checkPage(page);
    await Promise.all([page.waitForURL(/\/thanks$/), page.locator("main form button[type=submit]").last().click()]);
    await checkPage(page);
  } finally {
    await browser.close();
  }
  expect(latestAnswers(server.databasePath)).toMatchObject({
    role: { state: "answered", value: "Analista" },
    areas: { state: "answered", value: [1, 2, 3] },
    chal_te: { state: "answered" },
    ppp_ex: { state: "answered", value: [{ name: "Línea Nacional", may_cite: 1 }] },
  });
}

describe("the Pre-REGM questionnaire on a 320 px phone, in Spanish", () => {
  it("walks every section without JavaScript", () => walk(false), WALK);
  it("walks every section with JavaScript", () => walk(true), WALK);
});

describe("on a desktop", () => {
  it("gives a grid's row labels room: in Spanish, none wraps onto more than three lines from 800 px", async () => {
    const browser = await openBrowser({ javaScript: false });
    try {
      const page = await browser.newPage();
      await consentAndStart(page);
      await answerAbout(page, [3]);
      await nextTo(page, /\/s\/ch_tech$/);
      for (const width of [800, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const lines = await page
          // The row labels, as legends (or, before #17, as a table's row headers).
          .locator("fieldset.matrix-row > legend, .matrix th[scope=row] > span:first-child")
          .evaluateAll((legends) =>
            legends.map((l) => Math.round(l.getBoundingClientRect().height / parseFloat(getComputedStyle(l).lineHeight))),
          );
        expect(lines).toHaveLength(10);
        expect(Math.max(...lines), `at ${width} px`).toBeLessThanOrEqual(3);
      }
      await expectNoAxeViolations(page);
    } finally {
      await browser.close();
    }
  });
});

describe("nothing typed is lost, with JavaScript", () => {
  it("keeps the entries of a Next that failed offline, gives them back on reload, and forgets them once saved", async () => {
    const browser = await openBrowser({ javaScript: true, locale: "es-MX" });
    try {
      const page = await browser.newPage();
      await consentAndStart(page);
      await answerAbout(page, [97]);
      await nextTo(page, /\/s\/practices$/);
      await page.goto(`${base()}/s/about?lng=es`);
      await page.locator('input[name="role"]').fill("Fiscal especializada");

      await browser.setOffline(true);
      const failed = page.waitForEvent("requestfailed");
      await next(page).click({ noWaitAfter: true });
      await failed;
      await page.waitForLoadState("load");
      await browser.setOffline(false);
      await page.goto(`${base()}/s/about?lng=es`);
      expect(await page.locator('input[name="role"]').inputValue()).toBe("Fiscal especializada");
      expect(await page.locator("#restored-note").isVisible()).toBe(true);
      await page.reload();
      expect(await page.locator('input[name="role"]').inputValue()).toBe("Fiscal especializada");

      await nextTo(page, /\/s\/practices$/);
      expect(latestAnswers(server.databasePath).role).toMatchObject({ value: "Fiscal especializada" });
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("consulta:")))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
