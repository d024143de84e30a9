import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { openBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { eventually, startSmtp } from "../support/smtp";
import { tempDir } from "../support/test-env";

let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ ENABLE_DEMO: "1", SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "0.1" });
  await createAccount(server.databasePath, "lucia@example.org", "admin", "a long admin password");
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe("inviting by CSV and e-mail", () => {
  it("uploads a list, previews and sends the invitation, and the received link opens the questionnaire", async () => {
    const csv = path.join(tempDir(), "expertos.csv");
    fs.writeFileSync(csv, "nombre,correo,organización,idioma,país\r\nRosa Méndez,rosa@example.org,Hoteles,Español,México\r\n");
    const organiser = await openBrowser({ javaScript: true, locale: "en-GB" });
    try {
      const page = await organiser.newPage();
      await page.goto(`${server.url}/organiser/invitations?q=demo`);
      await page.getByLabel("Email address").fill("lucia@example.org");
      await page.getByLabel("Password").fill("a long admin password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByLabel("CSV file").setInputFiles(csv);
      await page.getByRole("button", { name: "Upload and invite" }).click();
      await page.getByText("1 added, 0 refused.").waitFor();
      await page.getByRole("button", { name: "Preview the invitation" }).click();
      await page.getByText("Subject: Invitación: Cuestionario de demostración").waitFor();
      // Not axe here: it waits forever on the sandboxed preview frame, which runs no script by design.
      await page.getByRole("button", { name: "Send to 1 expert" }).click();
      await page.getByText("1 message queued").waitFor();
    } finally {
      await organiser.close();
    }

    const mail = await eventually(() => smtp.received.find((m) => m.to.includes("rosa@example.org")));
    const link = /http:\/\/127\.0\.0\.1:\d+\/i\?t=[A-Za-z0-9_-]+/.exec(mail.parts["text/plain"]!)![0];
    const expert = await openBrowser({ javaScript: true, locale: "en-GB" });
    try {
      const page = await expert.newPage();
      await page.goto(link);
      expect(await page.getAttribute("html", "lang")).toBe("es");
      expect(await page.getByRole("button", { name: "Siguiente", exact: true }).count()).toBe(1);
    } finally {
      await expert.close();
    }
  });
});
