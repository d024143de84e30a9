import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { latestAnswers } from "../support/db";
import { measurePage } from "../support/page-weight";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ ENABLE_DEMO: "1" });
});
afterAll(async () => {
  await server?.stop();
});

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const press = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).click();

describe.each([{ javaScript: false }, { javaScript: true }])(
  "a respondent's journey with JavaScript $javaScript",
  ({ javaScript }) => {
    it("goes back and forth, saves, resumes elsewhere by link and by code, reviews, changes and submits", async () => {
      const first = await openBrowser({ javaScript });
      let link: string;
      let code: string;
      try {
        const page = await first.newPage();
        await page.goto(`${server.url}/q/demo?lng=en`);
        expect(await page.getByText("Section 1 of 3").count()).toBe(1);
        await page.getByLabel("No", { exact: true }).check();
        await page.getByLabel("Friends", { exact: true }).check();
        await press(page, "Next");
        expect(await h1(page)).toBe("Facts");
        // The opinions section now applies: 4 sections in all.
        expect(await page.getByText("Section 2 of 4").count()).toBe(1);
        await page.getByLabel(/What is the name of your project/).fill("Red de Alerta");
        await press(page, "Back");
        expect(await h1(page)).toBe("Choices");
        expect(await page.getByLabel("Friends", { exact: true }).isChecked()).toBe(true);
        await press(page, "Next");
        expect(await page.getByLabel(/What is the name of your project/).inputValue()).toBe("Red de Alerta");

        await page.getByLabel(/How many people work on it/).fill("12");
        await press(page, "Save and continue later");
        expect(await h1(page)).toBe("Your answers are saved");
        await expectNoAxeViolations(page);
        link = (await page.locator(".secret a").getAttribute("href"))!;
        code = (await page.locator(".secret.code").textContent())!;
        expect(link).toMatch(/\/q\/demo\/resume\?token=[A-Za-z0-9_-]{22}$/);
        expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      } finally {
        await first.close();
      }

      // Another device, by link: back at the section where they stopped, with every answer.
      const second = await openBrowser({ javaScript });
      try {
        const page = await second.newPage();
        await page.goto(link);
        expect(await h1(page)).toBe("Facts");
        expect(await page.getByLabel(/What is the name of your project/).inputValue()).toBe("Red de Alerta");
        expect(await page.getByLabel(/How many people work on it/).inputValue()).toBe("12");
      } finally {
        await second.close();
      }

      // A third, by code: a wrong one first.
      const third = await openBrowser({ javaScript });
      try {
        const page = await third.newPage();
        await page.goto(`${server.url}/q/demo?lng=en`);
        await page.getByRole("link", { name: "Continue where you stopped" }).click();
        expect(await h1(page)).toBe("Continue where you stopped");
        await expectNoAxeViolations(page);
        await page.getByLabel("Resume code").fill("ZZZZZ-ZZZZZ");
        await press(page, "Continue");
        expect(await page.locator(".errors").textContent()).toContain("This code was not found");
        expect(await page.getByLabel("Resume code").getAttribute("aria-describedby")).toContain("error");
        await expectNoAxeViolations(page);
        await page.getByLabel("Resume code").fill(code.toLowerCase().replace("-", " "));
        await press(page, "Continue");
        expect(await h1(page)).toBe("Facts");
        expect(await page.getByLabel(/What is the name of your project/).inputValue()).toBe("Red de Alerta");

        await press(page, "Next");
        expect(await h1(page)).toBe("Opinions");
        for (const row of ["Fruit is affordable", "Fruit is easy to find", "Fruit is healthy"]) {
          await page.getByRole("group", { name: row, exact: true }).getByLabel("Agree", { exact: true }).check();
        }
        await press(page, "Next");
        expect(await h1(page)).toBe("Examples and consent");
        await page.getByLabel(/I agree that my answers/).check();
        await press(page, "Continue to review");

        expect(await h1(page)).toBe("Check your answers");
        const choices = page.getByRole("region", { name: "Choices" });
        expect(await choices.getByText("No", { exact: true }).count()).toBe(1);
        await choices.getByRole("link", { name: "Change Choices" }).click();
        expect(await h1(page)).toBe("Choices");
        await page.getByLabel("Yes", { exact: true }).check();
        if (!javaScript) {
          await press(page, "Continue to review"); // the fruit question opens on the same page first
          expect(await h1(page)).toBe("Choices");
        }
        await page
          .getByRole("group", { name: /Which fruit/ })
          .getByLabel("Mangoes")
          .check();
        await press(page, "Continue to review");
        expect(await h1(page)).toBe("Check your answers");
        expect(await page.getByText("Mangoes").count()).toBe(1);
        await expectNoAxeViolations(page);
        const cookiesBeforeSubmit = await third.cookies();
        await press(page, "Submit my answers");
        expect(await h1(page)).toBe("Thank you");

        // Locked: the link now says so, and with the old cookie the sections lead to the thanks page.
        await page.goto(link);
        expect(await page.getByRole("alert").textContent()).toContain("already been submitted");
        await third.addCookies(cookiesBeforeSubmit);
        await page.goto(`${server.url}/q/demo/s/facts`);
        expect(await h1(page)).toBe("Thank you");
      } finally {
        await third.close();
      }
      expect(latestAnswers(server.databasePath)).toMatchObject({
        likes_fruit: { value: 1 },
        fruit: { value: 2 },
        channels: { value: [1] },
        name: { value: "Red de Alerta" },
        staff: { value: 12 },
        aspects: { value: { "1": 4, "2": 4, "3": 4 } },
        agree: { value: true },
      });
    });
  },
);

describe("switching language with JavaScript", () => {
  it("keeps answers typed on the page but not saved yet", async () => {
    const browser = await openBrowser({ javaScript: true });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/q/demo?lng=en`);
      await page.getByLabel("Yes", { exact: true }).check();
      await page
        .getByRole("group", { name: /Which fruit/ })
        .getByLabel("Papayas")
        .check();
      await page.getByLabel("Language").selectOption("es");
      await press(page, "Change language");
      await page.waitForURL(/lng=es/);
      expect(await page.getByLabel("Sí", { exact: true }).isChecked()).toBe(true);
      expect(
        await page
          .getByRole("group", { name: /Qué fruta/ })
          .getByLabel("Papayas")
          .isChecked(),
      ).toBe(true);
    } finally {
      await browser.close();
    }
  });
});

describe("guessing resume codes", () => {
  it("is stopped after ten tries from one address, with a clear message and a 429", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await fetch(`${server.url}/q/demo/resume?lng=es`, {
        method: "POST",
        body: new URLSearchParams({ code: `WRONG${i}`, reference_code: "" }),
        redirect: "manual",
      });
    }
    expect(last!.status).toBe(429);
    expect(await last!.text()).toContain("Demasiados intentos");
  });
});

describe("page weight", () => {
  it("keeps every respondent page of the demo questionnaire under 30 KB gzip in all", async () => {
    const browser = await openBrowser({ javaScript: true });
    try {
      const page = await browser.newPage();
      // A draft that reaches every page: answers on the first section open the opinions section.
      await page.goto(`${server.url}/q/demo?lng=es`);
      await page.getByLabel("Sí", { exact: true }).check();
      await page
        .getByRole("group", { name: /Qué fruta/ })
        .getByLabel("Mangos")
        .check();
      await press(page, "Guardar y continuar más tarde");
      const paths = ["s/choices", "s/facts", "s/opinions", "s/examples", "review", "saved", "resume"];
      const weights = [];
      for (const path of paths) weights.push(await measurePage(browser, `${server.url}/q/demo/${path}`));
      await page.getByRole("link", { name: "Continuar ahora" }).count();
      for (const weight of weights) {
        expect(weight.transferred.Document, weight.url).toBeGreaterThan(500);
        expect(weight.total, `${weight.url}: ${JSON.stringify(weight.transferred)}`).toBeLessThanOrEqual(30 * 1024);
      }
      // The script and the stylesheet are part of the count.
      expect(weights[0]!.transferred.Script).toBeGreaterThan(0);
      expect(weights[0]!.transferred.Stylesheet).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });
});

describe("instant validation with JavaScript", () => {
  it("says what is wrong in the respondent's language before sending, linked to the field", async () => {
    const browser = await openBrowser({ javaScript: true, locale: "es-MX" });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST") requests.push(r.url());
      });
      await page.goto(`${server.url}/q/demo?lng=es`);
      await press(page, "Siguiente");
      expect(requests).toEqual([]);
      // GOV.UK's error summary: a count, one link per field, focus on the summary.
      const summary = page.getByRole("alert");
      expect(await summary.textContent()).toMatch(/Hay \d+ problemas?/);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe("summary");
      const group = page.getByRole("group", { name: /¿Le gusta la fruta\?/ });
      const describedBy = (await group.getAttribute("aria-describedby"))!;
      expect(await page.locator(`[id="${describedBy.split(" ").at(-1)}"]`).textContent()).toBe(
        "Por favor, responda esta pregunta.",
      );
      await summary.getByRole("link", { name: /¿Le gusta la fruta\?/ }).click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("likes_fruit");
      await expectNoAxeViolations(page);
      await page.getByLabel("No", { exact: true }).check();
      // The message goes, its space stays until the next send: nothing moves under the finger.
      expect(await group.locator(".errors").textContent()).toBe("");
      await press(page, "Siguiente");
      await page.waitForURL(/\/s\/facts$/);
      const email = page.getByLabel(/A qué dirección de correo/);
      await email.fill("no-es-un-correo");
      await press(page, "Siguiente");
      const slot = page.locator(".question", { has: email }).locator(".errors");
      expect(await slot.textContent()).toContain("correo electrónico");
      expect(await email.getAttribute("aria-invalid")).toBe("true");
      // Where the button is on the page (not in the window, which scrolls).
      const top = () =>
        page.getByRole("button", { name: "Siguiente", exact: true }).evaluate((b) => b.getBoundingClientRect().top + scrollY);
      const before = await top();
      await email.fill("ana@ejemplo.org");
      await email.blur();
      expect(await slot.textContent()).toBe("");
      expect(await email.getAttribute("aria-invalid")).toBeNull();
      expect(await top()).toBe(before);
    } finally {
      await browser.close();
    }
  });
});

/** Answers the first page in a browser and saves it for later; returns the resume link. */
async function saveDraft(context: BrowserContext, answer: "Yes" | "No"): Promise<{ page: Page; link: string }> {
  const page = await context.newPage();
  await page.goto(`${server.url}/q/demo?lng=en`);
  await page.getByLabel(answer, { exact: true }).check();
  await press(page, "Save and continue later");
  return { page, link: (await page.locator(".secret a").getAttribute("href"))! };
}

describe("a resume link opened in a browser that holds other answers, without JavaScript", () => {
  it("asks which to continue on an accessible page, and each button does what it says", async () => {
    const mine = await openBrowser({ javaScript: false });
    const theirs = await openBrowser({ javaScript: false });
    try {
      const { page } = await saveDraft(mine, "No");
      const { link } = await saveDraft(theirs, "Yes");

      await page.goto(link);
      expect(await h1(page)).toBe("Which answers do you want to continue?");
      await expectNoAxeViolations(page);
      await press(page, "Continue the answers in this browser");
      expect(await h1(page)).toBe("Choices");
      expect(await page.getByLabel("No", { exact: true }).isChecked()).toBe(true);

      await page.goto(link);
      await press(page, "Continue the answers from the link");
      expect(await h1(page)).toBe("Choices");
      expect(await page.getByLabel("Yes", { exact: true }).isChecked()).toBe(true);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });
});
