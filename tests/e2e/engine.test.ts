import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { latestAnswers, query } from "../support/db";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ ENABLE_DEMO: "1" });
});
afterAll(async () => {
  await server?.stop();
});

const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true }).click();
const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

/** Answers the demo questionnaire, every question type, the way a person would. */
async function answerDemo(page: Page, javaScript: boolean) {
  await page.goto(`${server.url}/q/demo?lng=en`);
  expect(await heading(page)).toBe("Choices");
  await expectNoAxeViolations(page);

  const fruit = page.getByRole("group", { name: /Which fruit do you like best/ });
  expect(await fruit.isVisible()).toBe(false);
  await page.getByLabel("Yes", { exact: true }).check();
  await page.getByLabel("Radio", { exact: true }).check();
  await page.getByLabel("Social media", { exact: true }).check();
  await page.getByLabel("What shoe size do you wear?").selectOption({ label: "47" });
  if (javaScript) {
    // Skip logic on the page, no request needed.
    await fruit.waitFor({ state: "visible" });
    expect(await page.getByLabel("Which radio station?").isVisible()).toBe(true);
  } else {
    // Without script the server shows the new questions on the same page first.
    await next(page);
    expect(await page.getByRole("status").textContent()).toContain("there are new questions");
    expect(await heading(page)).toBe("Choices");
    expect(await page.getByLabel("Radio", { exact: true }).isChecked()).toBe(true);
  }
  await expectNoAxeViolations(page);
  await fruit.getByLabel("Other").check();
  await page.getByLabel("Please specify").first().fill("Guanábana");
  await page.getByLabel("Which radio station?").fill("Radio Fruta");
  await page.getByLabel("Where do you buy large shoes?").fill("Online");
  await next(page);

  expect(await heading(page)).toBe("Facts");
  await page.getByLabel(/What is the name of your project/).fill("=cmd|' /C calc'!A0");
  await page.getByLabel(/How many people work on it/).fill("0");
  await page.getByLabel(/When did it start/).fill("2019-06-30");
  await page.getByLabel(/Which email address/).fill("ana@example.org");
  await page.getByLabel(/Where is the project based/).selectOption({ label: "Guatemala" });
  if (!javaScript) {
    await next(page); // the story question appears once a name is given
    expect(await heading(page)).toBe("Facts");
  }
  const story = page.getByLabel(/Tell us the story/);
  await story.fill("It began in a market.");
  if (javaScript) expect(await page.locator(".counter").first().textContent()).toBe("21 / 300");
  expect(await page.getByLabel(/What percentage of them are volunteers/).isVisible()).toBe(false);
  await expectNoAxeViolations(page);
  await next(page);

  expect(await heading(page)).toBe("Opinions");
  await expectNoAxeViolations(page);
  const row = (name: string) => page.getByRole("group", { name, exact: true });
  await row("Fruit is affordable").getByLabel("Agree", { exact: true }).check();
  await row("Fruit is easy to find").getByLabel("Don't know").check();
  // A required matrix row left out is refused with a message linked to the question:
  // by the page's script at once, or (the browser's own check switched off) by the server.
  if (!javaScript)
    await page
      .getByRole("button", { name: "Next", exact: true })
      .evaluate((b: HTMLButtonElement) => b.form!.setAttribute("novalidate", ""));
  await next(page);
  expect(await page.getByRole("alert").textContent()).toContain("There is 1 problem");
  const message = row("Fruit is healthy").locator(".errors");
  expect(await message.textContent()).toContain("Please answer this question.");
  await expectNoAxeViolations(page);
  expect(await row("Fruit is affordable").getByLabel("Agree", { exact: true }).isChecked()).toBe(true);
  await row("Fruit is healthy").getByLabel("Somewhat agree").check();
  await page.getByLabel("1st place (most important)").selectOption({ label: "Trust" });
  await page.getByLabel("2nd place").selectOption({ label: "Funding" });
  await page.getByLabel("3rd place").selectOption({ label: "Laws" });
  await next(page);

  expect(await heading(page)).toBe("Examples and consent");
  await page.getByRole("button", { name: "Add an example" }).click();
  await page.getByRole("button", { name: "Add an example" }).click();
  await page
    .getByLabel(/Title of the project/)
    .nth(0)
    .fill("Hotline");
  await page
    .getByLabel(/Title of the project/)
    .nth(1)
    .fill("To be removed");
  await page.getByRole("group", { name: "Example 1" }).getByLabel("Technology").check();
  await page
    .getByRole("group", { name: "Example 1" })
    .getByLabel(/Year it started/)
    .fill("2015");
  await page.getByRole("button", { name: "Remove example 2" }).click();
  expect(await page.getByLabel(/Title of the project/).count()).toBe(1);
  expect(await page.getByLabel(/Title of the project/).inputValue()).toBe("Hotline");
  await page.getByLabel(/I agree that my answers/).check();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Continue to review" }).click();
  await page.waitForURL(/\/review$/);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Submit my answers" }).click();
  await page.waitForURL(/\/thanks$/);
}

describe.each([{ javaScript: false }, { javaScript: true }])(
  "the demo questionnaire with JavaScript $javaScript",
  ({ javaScript }) => {
    it("is answered through every question type and stored in codes", async () => {
      const browser = await openBrowser({ javaScript });
      try {
        await answerDemo(await browser.newPage(), javaScript);
      } finally {
        await browser.close();
      }
      const answers = latestAnswers(server.databasePath);
      expect(answers).toMatchObject({
        likes_fruit: { state: "answered", value: 1 },
        fruit: { state: "answered", value: 96, other: "Guanábana" },
        channels: { state: "answered", value: [2, 3] },
        channel_note: { state: "answered", value: "Radio Fruta" },
        size: { state: "answered", value: 13 },
        big_note: { state: "answered", value: "Online" },
        name: { state: "answered", value: "=cmd|' /C calc'!A0" },
        story: { state: "answered", value: "It began in a market." },
        staff: { state: "answered", value: 0 },
        share: { state: "not_shown", value: null },
        started: { state: "answered", value: "2019-06-30" },
        contact: { state: "answered", value: "ana@example.org" },
        based_in: { state: "answered", value: "GT" },
        aspects: { state: "answered", value: { "1": 4, "2": -77, "3": 3 } },
        enablers: { state: "answered", value: [2, 1, 5] },
        example: { state: "answered", value: [{ title: "Hotline", sector: 3, year: 2015 }] },
        agree: { state: "answered", value: true },
      });
      const [response] = query(
        server.databasePath,
        "select status, submitted_at from responses order by created_at desc limit 1",
      );
      expect(response).toMatchObject({ status: "submitted" });
    });
  },
);
