import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { query } from "../support/db";
import { startServer, type RunningServer } from "../support/server";
import { eventually, startSmtp, type ReceivedMail } from "../support/smtp";
import { tempDir } from "../support/test-env";

let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
  // No waiting days between an invitation and its reminder: the test stands for a consultation's weeks.
  server = await startServer({ ENABLE_DEMO: "1", SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "0.1", REMINDER_INTERVAL_DAYS: "0" });
  await createAccount(server.databasePath, "lucia@example.org", "organiser", "a long organiser password");
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const press = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).click();
const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

/** The dashboard's figures for invited experts: term -> value. */
async function invitedFacts(page: Page): Promise<Record<string, string>> {
  await page.goto(`${server.url}/organiser?q=demo`);
  const list = page.getByRole("definition").locator("xpath=ancestor::dl[1]").first();
  const terms = await list.locator("dt").allTextContents();
  const values = await list.locator("dd").allTextContents();
  return Object.fromEntries(terms.map((t, i) => [t, values[i]!]));
}

/** The data table under a chart, as text, header row left out. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const rows = page.getByRole("figure", { name: caption }).locator("tbody tr");
  return Promise.all((await rows.all()).map((row) => row.locator("th, td").allTextContents()));
}

const linkIn = (mail: ReceivedMail) => /http:\/\/127\.0\.0\.1:\d+\/i\?t=[A-Za-z0-9_-]+/.exec(mail.parts["text/plain"]!)![0];

describe("a consultation from the invitation list to the response rates", () => {
  it("invites by CSV through a mail server, a link is answered, only the other invitee is reminded, and the rates move", async () => {
    const csv = path.join(tempDir(), "experts.csv");
    fs.writeFileSync(
      csv,
      "name,email,organisation,language,country,region,sector\r\n" +
        "Ana Ruiz,ana@example.org,Ministry of Labour,English,Mexico,Central America,Government\r\n" +
        "Rosa Méndez,rosa@example.org,Hoteles del Sur,Español,Guatemala,Central America,Private sector\r\n",
    );
    // The organiser's pages work without script: this browser runs none.
    const organiser = await openBrowser({ javaScript: false, locale: "en-GB" });
    try {
      const page = await organiser.newPage();
      await page.goto(`${server.url}/organiser/invitations?q=demo`);
      await page.getByLabel("Email address").fill("lucia@example.org");
      await page.getByLabel("Password").fill("a long organiser password");
      await press(page, "Sign in");
      await page.getByLabel("CSV file").setInputFiles(csv);
      await press(page, "Upload and invite");
      await page.getByText("2 added, 0 refused.").waitFor();

      const before = await invitedFacts(page);
      expect(before).toMatchObject({ Invited: "2", Started: "0", Submitted: "0", "Response rate": "0%" });

      await page.goto(`${server.url}/organiser/invitations?q=demo`);
      await press(page, "Preview the invitation");
      await press(page, "Send to 2 experts");
      await page.getByText("2 messages queued").waitFor();
      const invitations = await eventually(() => smtp.received.length >= 2 && smtp.received.slice(0, 2));
      const toAna = invitations.find((m) => m.to.includes("ana@example.org"))!;
      expect(invitations.find((m) => m.to.includes("rosa@example.org"))!.headers.subject).toContain("Invitación");

      // Ana opens her personal link and answers to the end.
      const expert = await openBrowser({ javaScript: true, locale: "en-GB" });
      try {
        const answering = await expert.newPage();
        await answering.goto(linkIn(toAna));
        expect(await h1(answering)).toBe("Choices");
        await answering.getByLabel("No", { exact: true }).check();
        await answering.getByLabel("None of these", { exact: true }).check();
        await press(answering, "Next");
        expect(await h1(answering)).toBe("Facts");
        await answering.getByLabel(/How many people work on it/).fill("12");
        await press(answering, "Next");
        expect(await h1(answering)).toBe("Examples and consent");
        await answering.getByLabel(/I agree that my answers/).check();
        await press(answering, "Continue to review");
        await press(answering, "Submit my answers");
        expect(await h1(answering)).toBe("Thank you");
      } finally {
        await expert.close();
      }

      // Reminders go to whoever has not submitted: Rosa only.
      await page.goto(`${server.url}/organiser/invitations?q=demo`);
      await press(page, "Preview the reminder");
      await press(page, "Send to 1 expert");
      await page.getByText("1 message queued").waitFor();
      const reminder = await eventually(() => smtp.received[2]);
      expect(reminder.to).toEqual(["rosa@example.org"]);
      expect(linkIn(reminder)).toContain("/i?t=");
      expect(query(server.databasePath, "select to_address from outbox where kind = 'reminder'")).toEqual([
        { to_address: "rosa@example.org" },
      ]);
      expect(smtp.received.filter((m) => m.to.includes("ana@example.org"))).toHaveLength(1);

      const after = await invitedFacts(page);
      expect(after).toMatchObject({ Invited: "2", Started: "1", Submitted: "1", Declined: "0", "Response rate": "50%" });
      expect(await tableRows(page, "Invitations by country")).toEqual([
        ["Guatemala", "1", "0", "0", "0", "0%"],
        ["Mexico", "1", "1", "1", "0", "100%"],
      ]);
      // Each chart's table is folded away until asked for.
      const staff = page.getByRole("figure", { name: /How many people work on it/ });
      expect(await staff.getByRole("table").isVisible()).toBe(false);
      await staff.getByText("Show the data as a table").click();
      expect(await staff.getByRole("table").isVisible()).toBe(true);
      expect(await page.getByRole("img", { name: /How many people work on it/ }).count()).toBe(1);

      await expectNoAxeViolations(page);
      await page.setViewportSize({ width: 320, height: 800 });
      await expectNoAxeViolations(page);
      // Wider than the screen only inside the scroll boxes of tables.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      // Printed: no navigation, every table shown under its chart.
      await page.setViewportSize({ width: 1000, height: 800 });
      await page.emulateMedia({ media: "print" });
      expect(await page.getByRole("navigation", { name: /./ }).first().isVisible()).toBe(false);
      const country = page.getByRole("figure", { name: "Invitations by country" });
      expect(await country.getByRole("table").isVisible()).toBe(true);
      expect(await country.getByText("Show the data as a table").isVisible()).toBe(false);
    } finally {
      await organiser.close();
    }
  });
});
