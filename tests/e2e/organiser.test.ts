import { generateTOTP } from "@epic-web/totp";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ ENABLE_DEMO: "1" });
  await createAccount(server.databasePath, "lucia@example.org", "admin", "a long admin password");
});
afterAll(async () => {
  await server?.stop();
});

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("an organiser and an invited expert", () => {
  it("invite, answer through the link, and see the response submitted", async () => {
    const organiserBrowser = await openBrowser({ javaScript: false, locale: "es-MX" });
    let link: string;
    try {
      const page = await organiserBrowser.newPage();
      await page.goto(`${server.url}/organiser/invitations?q=demo`);
      expect(await h1(page)).toBe("Acceso para organizadores");
      await expectNoAxeViolations(page);
      await page.getByLabel("Correo electrónico").fill("lucia@example.org");
      await page.getByLabel("Contraseña").fill("a long admin password");
      await page.getByRole("button", { name: "Entrar" }).click();
      expect(await h1(page)).toBe("Invitaciones");

      await page.getByLabel("Nombre", { exact: true }).fill("Rosa Méndez");
      await page.getByLabel("Correo electrónico").fill("rosa@example.org");
      await page.getByLabel("Organización", { exact: true }).fill("Asociación de Hoteles");
      await page.getByRole("combobox", { name: "Idioma", exact: true }).last().selectOption("es");
      await page.getByRole("button", { name: "Agregar la invitación" }).click();
      expect(await page.getByText("rosa@example.org").count()).toBe(1);
      expect(await page.getByRole("cell", { name: "Sin iniciar" }).count()).toBe(1);
      await expectNoAxeViolations(page);
      link = await page.getByLabel("Enlace personal de Rosa Méndez").inputValue();
      expect(link).toMatch(/\/i\?t=[A-Za-z0-9_-]{22}$/);
    } finally {
      await organiserBrowser.close();
    }

    // The expert, in a browser set to English, gets the questionnaire in Spanish.
    const expertBrowser = await openBrowser({ javaScript: true, locale: "en-GB" });
    try {
      const page = await expertBrowser.newPage();
      await page.goto(link);
      expect(await page.getAttribute("html", "lang")).toBe("es");
      await page.getByLabel("No", { exact: true }).check();
      await page.getByLabel("Ninguno de estos").check();
      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      expect(await h1(page)).toBe("Datos");
      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      await page.getByLabel(/Acepto que mis respuestas/).check();
      await page.getByRole("button", { name: "Continuar a la revisión" }).click();
      await page.getByRole("button", { name: "Enviar mis respuestas" }).click();
      expect(await h1(page)).toBe("Gracias");
    } finally {
      await expertBrowser.close();
    }

    const organiserAgain = await openBrowser({ javaScript: false, locale: "en-GB" });
    try {
      const page = await organiserAgain.newPage();
      await page.goto(`${server.url}/organiser/login`);
      await page.getByLabel("Email address").fill("lucia@example.org");
      await page.getByLabel("Password").fill("a long admin password");
      await page.getByRole("button", { name: "Sign in" }).click();
      expect(await h1(page)).toBe("Dashboard");
      await page
        .getByRole("combobox", { name: "Consultation", exact: true })
        .selectOption({ label: "Demonstration questionnaire" });
      await page.getByRole("button", { name: "Open" }).click();
      expect(await page.getByText("Submitted").count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Invitations" }).click();
      expect(await page.getByRole("cell", { name: "Submitted" }).count()).toBe(1);
      await page.getByRole("link", { name: "Responses" }).click();
      expect(await page.getByText("1 response").count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.getByRole("table").getByRole("link").first().click();
      expect(await h1(page)).toMatch(/^Response /);
      expect(await page.getByText("None of these").count()).toBe(1);
      await expectNoAxeViolations(page);
      for (const name of ["Export", "Consultations", "My account", "Accounts", "Audit log"]) {
        await page.getByRole("link", { name }).click();
        await expectNoAxeViolations(page);
      }
      expect(await page.getByRole("cell", { name: "Invitation added" }).count()).toBe(1);
      await page.getByRole("button", { name: "Sign out" }).click();
      expect(await h1(page)).toBe("Sign in for organisers");
    } finally {
      await organiserAgain.close();
    }
  });

  it("a coder turns on two-factor sign-in without JavaScript and then signs in with a code", async () => {
    await createAccount(server.databasePath, "coder@example.org", "coder", "a long coder password");
    const browser = await openBrowser({ javaScript: false });
    const signIn = async (page: Page) => {
      await page.goto(`${server.url}/organiser/login`);
      await page.getByLabel("Email address").fill("coder@example.org");
      await page.getByLabel("Password").fill("a long coder password");
      await page.getByRole("button", { name: "Sign in" }).click();
    };
    try {
      const page = await browser.newPage();
      await signIn(page);
      await page.getByRole("link", { name: "My account" }).click();
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Two-factor sign-in" }).click();
      await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
      await expectNoAxeViolations(page);
      const secret = (await page.locator(".secret.code").textContent())!.replace(/\s/g, "");
      await page.getByLabel("Code").fill((await generateTOTP({ secret })).otp);
      await page.getByRole("button", { name: "Confirm and turn on" }).click();
      expect(await page.locator(".recovery-codes li").count()).toBe(10);
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Sign out" }).click();

      await signIn(page);
      expect(await h1(page)).toBe("Sign-in code");
      await expectNoAxeViolations(page);
      await page.getByLabel("Code").fill((await generateTOTP({ secret })).otp);
      await page.getByRole("button", { name: "Sign in" }).click();
      expect(await h1(page)).not.toBe("Sign-in code");
      expect(await page.getByRole("link", { name: "Coding" }).count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });

  it("after signing out, Back shows the sign-in page, not the accounts and their e-mails", async () => {
    for (const javaScript of [false, true]) {
      const browser = await openBrowser({ javaScript });
      try {
        const page = await browser.newPage();
        await page.goto(`${server.url}/organiser/users`);
        await page.getByLabel("Email address").fill("lucia@example.org");
        await page.getByLabel("Password").fill("a long admin password");
        await page.getByRole("button", { name: "Sign in" }).click();
        expect(await page.getByRole("cell", { name: "lucia@example.org" }).count()).toBe(1);
        await page.getByRole("button", { name: "Sign out" }).click();
        expect(await h1(page)).toBe("Sign in for organisers");
        await page.goBack();
        expect(await h1(page)).toBe("Sign in for organisers");
        expect(await page.content()).not.toContain("lucia@example.org");
      } finally {
        await browser.close();
      }
    }
  });
});

describe("personal links with JavaScript", () => {
  it("selects the whole link on focus and copies it with the button the script adds", async () => {
    const browser = await openBrowser({ javaScript: true, locale: "es-MX" });
    try {
      const page = await browser.newPage();
      // Another questionnaire than the walk above, whose list must hold its one invitation only.
      await page.goto(`${server.url}/organiser/invitations?q=pre-regm`);
      await page.getByLabel("Correo electrónico").fill("lucia@example.org");
      await page.getByLabel("Contraseña").fill("a long admin password");
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.getByLabel("Nombre", { exact: true }).fill("Pablo Ruiz");
      await page.getByLabel("Correo electrónico").fill("pablo@example.org");
      await page.getByRole("button", { name: "Agregar la invitación" }).click();
      expect(await page.getByRole("status").first().textContent()).toContain("Se agregó la invitación para Pablo Ruiz.");
      const field = page.getByLabel("Enlace personal de Pablo Ruiz", { exact: true });
      await field.focus();
      const selected = await field.evaluate((input: HTMLInputElement) =>
        input.value.slice(input.selectionStart!, input.selectionEnd!),
      );
      expect(selected).toBe(await field.inputValue());
      const copy = page.getByRole("button", { name: "Copiar el enlace personal de Pablo Ruiz" });
      await copy.click();
      await expect.poll(() => copy.textContent()).toBe("Copiado");
      await expectNoAxeViolations(page);
    } finally {
      await browser.close();
    }
  });
});
