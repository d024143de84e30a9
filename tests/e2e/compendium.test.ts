import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { seedRespondents } from "../support/compendium";
import { query } from "../support/db";
import { startServer, type RunningServer } from "../support/server";
import { eventually, startSmtp } from "../support/smtp";
import { tempDir } from "../support/test-env";

let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "0.1" });
  await createAccount(server.databasePath, "editora@example.org", "admin", "a long admin password");
  await seedRespondents(server.databasePath);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** The text of a Word file, paragraph by paragraph, read back from its word/document.xml. */
function docxText(file: string): string {
  const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8" });
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

async function downloadDocx(page: Page, language: "en" | "es"): Promise<string> {
  await page.goto(`${server.url}/organiser/compendium/draft?lang=${language}`);
  await expectNoAxeViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    // The page speaks the editor's language (English here), whatever the draft's.
    page.getByRole("button", { name: "Download the Word document" }).click(),
  ]);
  const file = path.join(tempDir(), download.suggestedFilename());
  await download.saveAs(file);
  return docxText(file);
}

/** Opens an example from the queue, writes its editorial text in both languages, includes it and saves. */
async function curate(page: Page, example: string, texts: { en: [string, string]; es: [string, string] }) {
  await page.goto(`${server.url}/organiser/compendium`);
  await page.getByRole("button", { name: `Curate ${example}` }).click();
  await writeEntry(page, texts);
}

async function writeEntry(page: Page, texts: { en: [string, string]; es: [string, string] }) {
  await page.getByLabel("Include").check();
  await page.getByLabel("Title (English)").fill(texts.en[0]);
  await page.getByLabel("Summary (English)").fill(texts.en[1]);
  await page.getByLabel("Title (Español)").fill(texts.es[0]);
  await page.getByLabel("Summary (Español)").fill(texts.es[1]);
  await page.getByRole("button", { name: "Save the entry" }).click();
}

describe("from three examples to the Compendium in Word", () => {
  it("keeps names, leaves them out, and waits for permission as each respondent asked", async () => {
    // Without JavaScript: every step is a plain form.
    const editor = await openBrowser({ javaScript: false, locale: "en-GB" });
    try {
      const page = await editor.newPage();
      await page.goto(`${server.url}/organiser/compendium`);
      await page.getByLabel("Email address").fill("editora@example.org");
      await page.getByLabel("Password").fill("a long admin password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Compendium of promising practices" }).waitFor();
      await expectNoAxeViolations(page);

      await curate(page, "Red Camionera Segura", {
        en: ["Red Camionera Segura: truckers against trafficking", "Truck drivers trained to spot and report trafficking."],
        es: ["Red Camionera Segura: camioneros contra la trata", "Conductores formados para detectar y denunciar la trata."],
      });
      await page.getByText("Entry saved.").waitFor();

      // Cited without names: wording that names the partners is refused, then anonymised wording passes.
      await curate(page, "Fundación Luz, Banco Azul", {
        en: ["Banco Azul shares typologies", "A bank and a foundation share typologies."],
        es: ["Un banco comparte tipologías", "Un banco y una fundación comparten tipologías."],
      });
      await page.getByText("yet it contains: Banco Azul").waitFor();
      await writeEntry(page, {
        en: ["A bank and a foundation share typologies", "Typologies shared with the financial intelligence unit."],
        es: ["Un banco y una fundación comparten tipologías", "Tipologías compartidas con la unidad de inteligencia financiera."],
      });
      await page.getByText("Entry saved.").waitFor();
      await expectNoAxeViolations(page);

      await curate(page, "Alerta Digital Panamá", {
        en: ["Alerta Digital Panamá screens job ads", "Job advertisements screened for signs of trafficking."],
        es: ["Alerta Digital Panamá revisa anuncios", "Anuncios de empleo revisados en busca de indicios de trata."],
      });
      await page.getByText("permission requested: left out of the draft").waitFor();
      const entryUrl = page.url();

      const before = await downloadDocx(page, "en");
      expect(before).toContain("Red Camionera Segura: truckers against trafficking");
      expect(before).toContain("A bank and a foundation share typologies");
      expect(before).not.toMatch(/Fundación Luz|Banco Azul/);
      expect(before).not.toContain("Alerta Digital");
      // Grouped by sector, with contents, a country index and sources.
      expect(before).toMatch(
        /Contents[\s\S]*Supply chains[\s\S]*Financial institutions[\s\S]*Index of countries[\s\S]*Guatemala: 2[\s\S]*Sources/,
      );

      await page.goto(entryUrl);
      await page.getByRole("button", { name: "E-mail the respondent for permission" }).click();
      await page.getByText("The permission request is in the outbox.").waitFor();
    } finally {
      await editor.close();
    }

    const mail = await eventually(() => smtp.received.find((m) => m.to.includes("carla@example.org")));
    // Bilingual, the respondent's language first; with a link to leave the directory she is listed in.
    expect(mail.headers.subject).toMatch(/^¿Podemos citar su ejemplo\?.* \/ May we cite your example\?/);
    const text = mail.parts["text/plain"]!;
    expect(text).toContain("«Alerta Digital Panamá»");
    const permissionLink = /http:\/\/127\.0\.0\.1:\d+\/citation\?t=[A-Za-z0-9_-]+&lng=es/.exec(text)![0];
    const leaveLink = /http:\/\/127\.0\.0\.1:\d+\/directory\/leave\?t=[^\s&]+&lng=es/.exec(text)![0];

    const respondent = await openBrowser({ javaScript: false, locale: "es-ES" });
    try {
      const page = await respondent.newPage();
      await page.goto(permissionLink);
      await page.getByText("¿Puede la UNODC citar su ejemplo «Alerta Digital Panamá»").waitFor();
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Sí, pueden citarlo" }).click();
      await page.getByText("su permiso quedó registrado").waitFor();
    } finally {
      await respondent.close();
    }
    const [request] = query<{ answer: string; wording: string; answered_at: string }>(
      server.databasePath,
      "select answer, wording, answered_at from citation_requests",
    );
    expect(request).toMatchObject({ answer: "granted", wording: expect.stringContaining("«Alerta Digital Panamá»") as string });

    const editorAgain = await openBrowser({ javaScript: false, locale: "en-GB" });
    try {
      const page = await editorAgain.newPage();
      await page.goto(`${server.url}/organiser/compendium`);
      await page.getByLabel("Email address").fill("editora@example.org");
      await page.getByLabel("Password").fill("a long admin password");
      await page.getByRole("button", { name: "Sign in" }).click();
      const after = await downloadDocx(page, "es");
      expect(after).toContain("Red Camionera Segura: camioneros contra la trata");
      expect(after).toContain("Un banco y una fundación comparten tipologías");
      expect(after).not.toMatch(/Fundación Luz|Banco Azul/);
      expect(after).toContain("Alerta Digital Panamá revisa anuncios");
      expect(query(server.databasePath, "select count(*) as n from audit_log where action = 'compendium.export'")).toEqual([
        { n: 2 },
      ]);

      // The directory lists those who opted in; one of them leaves through the link in her e-mail.
      await page.goto(`${server.url}/organiser/directory`);
      await page.getByText("2 people listed", { exact: true }).waitFor();
      expect(await page.getByText("carla@example.org").count()).toBe(1);
      expect(await page.getByText("beto@example.org").count()).toBe(0);
      const herBrowser = await openBrowser({ javaScript: false, locale: "es-ES" });
      try {
        const leaving = await herBrowser.newPage();
        await leaving.goto(leaveLink);
        await leaving.getByRole("button", { name: "Quitarme del directorio" }).click();
        await leaving.getByText("Usted ya no figura en el directorio.").waitFor();
      } finally {
        await herBrowser.close();
      }
      await page.reload();
      await page.getByText("1 person listed", { exact: true }).waitFor();
      expect(await page.getByText("carla@example.org").count()).toBe(0);
      await expectNoAxeViolations(page);
    } finally {
      await editorAgain.close();
    }
  });
});
