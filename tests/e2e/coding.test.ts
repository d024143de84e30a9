import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HONEYPOT_FIELD } from "../../app/components/honeypot";
import { createAccount } from "../support/accounts";
import { CookieJar } from "../support/app";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

/** A submitted demo response with this project story, sent as a browser without script would. */
async function respond(story: string) {
  const jar = new CookieJar();
  const steps: Array<[string, Record<string, string>]> = [
    ["s/choices", { __shown: "likes_fruit,channels,size", likes_fruit: "2", channels: "97", _action: "next" }],
    ["s/facts", { __shown: "name,story,staff,share,started,contact,based_in", name: "Project", story, _action: "next" }],
    ["s/examples", { __shown: "example,agree", agree: "on", _action: "next" }],
    ["review", {}],
  ];
  for (const [step, fields] of steps) {
    const url = `${server.url}/q/demo/${step}`;
    const form = await (await fetch(url, { headers: { Cookie: jar.header() } })).text();
    const saved = /name="_saved" value="([^"]+)"/.exec(form)?.[1] ?? "";
    const response = await fetch(url, {
      method: "POST",
      body: new URLSearchParams({ ...fields, _saved: saved, [HONEYPOT_FIELD]: "" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
      redirect: "manual",
    });
    jar.take(response);
    expect(response.status, step).toBe(302);
  }
}

beforeAll(async () => {
  server = await startServer({ ENABLE_DEMO: "1" });
  await createAccount(server.databasePath, "lucia@example.org", "admin", "a long admin password");
  for (const story of ["We trained hotel staff.", "Banks shared typologies.", "A hotline with NGOs."]) await respond(story);
});
afterAll(async () => {
  await server?.stop();
});

describe("coding open answers without JavaScript", () => {
  it("codes only the answers the coder decides, and shows the agreement", async () => {
    const browser = await openBrowser({ javaScript: false });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/organiser/themes?q=demo`);
      await page.getByLabel("Email address").fill("lucia@example.org");
      await page.getByLabel("Password").fill("a long admin password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: "Add the questionnaire's themes" }).click();
      expect(await page.getByText("4 themes added.").count()).toBe(1);
      await expectNoAxeViolations(page);

      await page.goto(`${server.url}/organiser/coding/story?q=demo`);
      const answer = (n: number) => page.getByRole("region", { name: `Answer ${n}` });
      await answer(1).getByLabel("Training").check();
      await answer(2).getByLabel("No theme applies").check();
      await answer(3).getByLabel("Note on answer 3").fill("Hotline: ask the NGO which.");
      await page.getByRole("button", { name: "Save this page" }).click();
      expect(await page.getByText("Saved.").count()).toBe(1);
      expect(await answer(1).getByText("Coded", { exact: true }).count()).toBe(1);
      expect(await answer(2).getByText("Coded", { exact: true }).count()).toBe(1);
      expect(await answer(3).getByText("Not coded yet").count()).toBe(1);
      expect(await answer(3).getByLabel("Note on answer 3").inputValue()).toBe("Hotline: ask the NGO which.");
      await expectNoAxeViolations(page);

      await page.goto(`${server.url}/organiser/coding?q=demo`);
      expect(await page.getByRole("cell", { name: "2 / 3" }).count()).toBe(1);
      await expectNoAxeViolations(page);
    } finally {
      await browser.close();
    }
  });
});
