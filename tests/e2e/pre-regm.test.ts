import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser } from "../support/browser";
import { latestAnswers, query } from "../support/db";
import { startServer, type RunningServer } from "../support/server";

// The Pre-REGM questionnaire answered whole, once in Spanish without JavaScript by a government
// expert who speaks only to technology, once in English with JavaScript by a private company
// that speaks to all three areas. axe checks every page; the database is read afterwards.

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const FULL_RUN = 240_000;
const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const press = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).click();
/** The fieldset of a question, found by the start of its label. */
const question = (scope: Page | Locator, label: RegExp) => scope.getByRole("group", { name: label });

/** Presses a button that leads to another page and waits for it. */
async function pressAndGo(page: Page, button: string, to: RegExp) {
  await Promise.all([page.waitForURL(to), press(page, button)]);
}

/** Rates every row of a matrix, with one row left as "don't know". */
async function rateAll(page: Page, rows: string[], scale: string[], dontKnow: { row: number; label: string }) {
  for (const [i, row] of rows.entries()) {
    const point = i === dontKnow.row ? dontKnow.label : scale[i % scale.length]!;
    await page.getByRole("group", { name: row, exact: true }).getByLabel(point, { exact: true }).check();
  }
}

const ES_ROWS = [
  "Obtener apoyo gubernamental y político",
  "Obtener financiamiento sostenible (por ejemplo, durante la pandemia de COVID-19)",
  "Contar con una base legal para compartir información",
  "Equilibrar la privacidad de la clientela y de las personas usuarias con la protección de las víctimas",
  "Generar confianza entre sectores",
  "Acceso a capacitación específica para la industria",
  "La capacidad interna de las empresas para colaborar con los organismos encargados de hacer cumplir la ley",
  "La economía informal y las transacciones en efectivo",
  "El tiempo que toman los procedimientos del sector público",
  "Que la tecnología cambie más rápido que las leyes y la regulación",
];
const ES_SCALE = ["No es un reto", "Un reto menor", "Un reto moderado", "Un reto importante"];
const EN_ROWS = [
  "Securing government and political support",
  "Securing sustainable funding (for example, during the COVID-19 pandemic)",
  "Having a legal basis to share information",
  "Balancing customers' and users' privacy with the protection of victims",
  "Building trust between sectors",
  "Access to industry-specific training",
  "Companies' internal capacity to work with law enforcement",
  "The informal economy and cash transactions",
  "The time public-sector procedures take",
  "Technology changing faster than law and regulation",
];
const EN_SCALE = ["Not a challenge", "A minor challenge", "A moderate challenge", "A major challenge"];
/** The codes `rateAll` gives rows 1-10 when the "don't know" row is the 8th (index 7). */
const RATED = { "1": 1, "2": 2, "3": 3, "4": 4, "5": 1, "6": 2, "7": 3, "8": -77, "9": 1, "10": 2 };

describe("a Spanish-speaking government expert, without JavaScript, who speaks only to technology", () => {
  it(
    "answers the whole questionnaire, never sees the supply-chain or financial pages, and the answers are stored",
    async () => {
      const browser = await openBrowser({ javaScript: false, locale: "es-MX" });
      const headings: string[] = [];
      try {
        const page = await browser.newPage();
        await page.goto(`${server.url}/`);
        expect(await page.getAttribute("html", "lang")).toBe("es");
        // The start page: consent before anything is stored.
        await expectNoAxeViolations(page);
        await page.getByLabel(/He leído esta información y acepto/).check();
        await pressAndGo(page, "Aceptar y comenzar", /\/s\/about$/);
        headings.push((await h1(page))!);
        expect(headings.at(-1)).toBe("Sobre usted y su organización");
        expect(await page.getByText("Sección 1 de 5").count()).toBe(1);
        await expectNoAxeViolations(page);

        // A government respondent is never asked the industry question.
        const industry = question(page, /¿En qué industria trabaja principalmente/);
        expect(await industry.isVisible()).toBe(false);
        await question(page, /¿En qué tipo de organización trabaja usted\?/)
          .getByLabel("Ministerio u organismo de gobierno")
          .check();
        await page.getByLabel(/¿En qué país trabaja principalmente\?/).selectOption({ label: "Guatemala" });
        await page.getByLabel("Nacional: un solo país").check();
        await page.getByLabel(/¿Qué cargo o función desempeña/).fill("Analista de políticas públicas");
        await page.getByLabel("De 5 a 9 años").check();
        await question(page, /¿Sobre cuáles de estas áreas/)
          .getByLabel("Sector tecnológico")
          .check();
        await pressAndGo(page, "Siguiente", /\/s\/ch_tech$/);

        headings.push((await h1(page))!);
        expect(headings.at(-1)).toBe("Retos en el sector tecnológico");
        expect(await page.getByText("Sección 2 de 6").count()).toBe(1);
        await expectNoAxeViolations(page);
        // The pages of the other areas do not exist for this respondent: they lead back here.
        for (const other of ["ch_supply", "ch_fin"]) {
          await page.goto(`${server.url}/q/pre-regm/s/${other}`);
          expect(page.url()).toMatch(/\/s\/ch_tech$/);
        }
        await rateAll(page, ES_ROWS, ES_SCALE, { row: 7, label: "No sé" });
        await page.getByLabel(/En sus propias palabras/).fill("La desconfianza entre empresas tecnológicas y fiscalías.");
        await pressAndGo(page, "Siguiente", /\/s\/practices$/);

        headings.push((await h1(page))!);
        expect(headings.at(-1)).toBe("Buenas prácticas");
        await expectNoAxeViolations(page);
        // Without script, "Add an example" is a plain submit: the server adds the item and shows the page again.
        await press(page, "Agregar un ejemplo");
        const item = page.getByRole("group", { name: "Ejemplo 1" });
        await item.waitFor();
        await expectNoAxeViolations(page);
        await item.getByLabel(/Nombre de la alianza/).fill("Línea Nacional contra la Trata de Personas");
        await question(item, /¿Qué tipos de organizaciones participan/)
          .getByLabel("Empresas privadas")
          .check();
        await question(item, /¿Qué tipos de organizaciones participan/)
          .getByLabel("Organizaciones no gubernamentales o de la sociedad civil")
          .check();
        // A text field with the page's one list of UN names as suggestions.
        await item.getByLabel(/País principal donde trabaja/).fill("México");
        await item.getByLabel(/Otros países donde trabaja/).fill("Guatemala, Honduras");
        await question(item, /¿Qué sectores abarca\?/)
          .getByLabel("Sector tecnológico")
          .check();
        await item.getByLabel(/¿En qué año comenzó\?/).fill("2013");
        await item.getByLabel("Sí, sigue en marcha").check();
        await item.getByLabel(/¿Qué hace la alianza\?/).fill("Atiende denuncias las 24 horas, en varios idiomas.");
        await item.getByLabel(/¿Qué resultados ha logrado\?/).fill("Ha contribuido a investigaciones de trata en México.");
        await item.getByLabel(/Enlace a más información/).fill("https://www.ejemplo.org/linea");
        await item.getByLabel("Sí, con el nombre de la alianza y de sus integrantes").check();
        const practice = question(page, /¿Cuáles de estos tipos de práctica/);
        await practice.getByLabel("Líneas telefónicas de denuncia o de ayuda").check();
        await practice.getByLabel("Otra", { exact: true }).check();
        await practice.getByLabel("Por favor, especifique").fill("Mesas de trabajo con hoteles");
        await pressAndGo(page, "Siguiente", /\/s\/lessons$/);

        headings.push((await h1(page))!);
        expect(headings.at(-1)).toBe("Lecciones y recomendaciones");
        await expectNoAxeViolations(page);
        await page.getByLabel(/¿Qué lecciones ha aprendido/).fill("Sin confianza no hay intercambio de información.");
        await page.getByLabel(/¿Qué recomendaría/).fill("Crear un marco legal claro.");
        await page.getByLabel("1.er lugar (el más importante)").selectOption({ label: "Confianza entre sectores" });
        await page.getByLabel("2.º lugar").selectOption({ label: "Apoyo gubernamental y político" });
        await page
          .getByLabel("3.er lugar")
          .selectOption({ label: "Protección de las víctimas y de las personas sobrevivientes" });
        await pressAndGo(page, "Siguiente", /\/s\/roles$/);

        headings.push((await h1(page))!);
        expect(headings.at(-1)).toBe("El papel de los organismos internacionales y de la sociedad civil");
        await expectNoAxeViolations(page);
        await page.getByLabel("Convocar diálogos entre gobiernos, empresas y sociedad civil").check();
        await page.getByLabel("Buscar soluciones a las preocupaciones sobre la privacidad de los datos").check();
        await page.getByLabel(/¿Qué papel debería desempeñar la sociedad civil/).fill("Acompañar a las víctimas.");
        await question(page, /¿Le gustaría unirse a WhatsOn/)
          .getByLabel("Sí", { exact: true })
          .check();
        await pressAndGo(page, "Siguiente", /\/s\/follow_up$/);

        headings.push((await h1(page))!);
        expect(headings.at(-1)).toBe("Seguimiento");
        expect(await page.getByText("Sección 6 de 6").count()).toBe(1);
        await expectNoAxeViolations(page);
        await page.getByLabel(/De forma anónima/).check();
        await question(page, /¿Desea que la UNODC le invite/)
          .getByLabel("Sí", { exact: true })
          .check();
        // Yes to WhatsOn and to meetings: the address is asked as the invitation's, and required.
        await page.getByLabel(/¿a qué dirección de correo electrónico puede invitarle/).fill("analista@ejemplo.org");
        await pressAndGo(page, "Continuar a la revisión", /\/review$/);

        expect(await h1(page)).toBe("Revise sus respuestas");
        await expectNoAxeViolations(page);
        expect(await page.getByRole("region", { name: "Retos en el sector tecnológico" }).count()).toBe(1);
        expect(await page.getByRole("region", { name: "Retos en las cadenas de suministro" }).count()).toBe(0);
        expect(await page.getByRole("region", { name: "Retos para las instituciones financieras" }).count()).toBe(0);
        expect(await page.getByText("Otra: Mesas de trabajo con hoteles").count()).toBe(1);
        await pressAndGo(page, "Enviar mis respuestas", /\/thanks$/);
        expect(await h1(page)).toBe("Gracias");
        await expectNoAxeViolations(page);
      } finally {
        await browser.close();
      }
      expect(headings).not.toContain("Retos en las cadenas de suministro");
      expect(headings).not.toContain("Retos para las instituciones financieras");

      const [response] = query(server.databasePath, "select status, language from responses order by created_at desc limit 1");
      expect(response).toEqual({ status: "submitted", language: "es" });
      const answers = latestAnswers(server.databasePath);
      // The pages of the other areas were never shown: nothing of theirs is stored as an answer.
      for (const variable of ["chal_sc", "chal_sc_main", "chal_fi", "chal_fi_main"]) {
        expect(answers[variable]?.state ?? "not_shown", variable).toBe("not_shown");
      }
      expect(answers).toMatchObject({
        org_type: { state: "answered", value: 1, other: null },
        industry: { state: "not_shown", value: null },
        country: { state: "answered", value: "GT" },
        scope: { state: "answered", value: 2 },
        role: { state: "answered", value: "Analista de políticas públicas" },
        years: { state: "answered", value: 4 },
        areas: { state: "answered", value: [3] },
        chal_te: { state: "answered", value: RATED },
        chal_te_main: { state: "answered", value: "La desconfianza entre empresas tecnológicas y fiscalías." },
        ppp_ex: {
          state: "answered",
          value: [
            {
              name: "Línea Nacional contra la Trata de Personas",
              partners: [4, 6],
              main_country: "MX",
              other_countries: "Guatemala, Honduras",
              sectors: [3],
              year: 2013,
              status: 1,
              activities: "Atiende denuncias las 24 horas, en varios idiomas.",
              results: "Ha contribuido a investigaciones de trata en México.",
              link: "https://www.ejemplo.org/linea",
              may_cite: 1,
            },
          ],
        },
        practice: { state: "answered", value: [3, 96], other: "Mesas de trabajo con hoteles" },
        lessons: { state: "answered", value: "Sin confianza no hay intercambio de información." },
        recs: { state: "answered", value: "Crear un marco legal claro." },
        enablers: { state: "answered", value: [4, 1, 10] },
        io_role: { state: "answered", value: [1, 6] },
        cs_role: { state: "answered", value: "Acompañar a las víctimas." },
        hub: { state: "answered", value: 1 },
        consent: { state: "answered", value: true },
        cite: { state: "answered", value: 2 },
        meetings: { state: "answered", value: 1 },
        email: { state: "not_shown" },
        email_invite: { state: "answered", value: "analista@ejemplo.org" },
      });
    },
    FULL_RUN,
  );
});

describe("an English-speaking private company, with JavaScript, that speaks to all three areas", () => {
  it(
    "answers the whole questionnaire, is asked its industry and every challenge page, and the answers are stored",
    async () => {
      const browser = await openBrowser({ javaScript: true, locale: "en-GB" });
      const headings: string[] = [];
      try {
        const page = await browser.newPage();
        await page.goto(`${server.url}/?lng=en`);
        expect(await page.getAttribute("html", "lang")).toBe("en");
        await expectNoAxeViolations(page);
        await page.getByLabel(/I have read this information and I agree/).check();
        await pressAndGo(page, "Agree and start", /\/s\/about(\?lng=en)?$/);
        expect(await h1(page)).toBe("About you and your organisation");
        await expectNoAxeViolations(page);

        // The industry question follows the organisation type on the page itself.
        const orgType = question(page, /Which type of organisation do you work for\?/);
        const industry = question(page, /In which industry does your organisation mainly work\?/);
        expect(await industry.isVisible()).toBe(false);
        await orgType.getByLabel("Government ministry or agency").check();
        expect(await industry.isVisible()).toBe(false);
        await orgType.getByLabel("Private company").check();
        await industry.waitFor({ state: "visible" });
        await expectNoAxeViolations(page);
        await industry.getByLabel("Technology and online platforms").check();
        await page.getByLabel(/In which country do you mainly work\?/).selectOption({ label: "Mexico" });
        await page.getByLabel("International: several regions or worldwide").check();
        await page.getByLabel(/What is your role in your organisation\?/).fill("Head of trust and safety");
        await page.getByLabel("10 years or more").check();
        const areas = question(page, /On which of these areas can you share experience/);
        await areas.getByLabel("Supply chains").check();
        await areas.getByLabel("Financial institutions").check();
        await areas.getByLabel("Technology sector").check();
        await pressAndGo(page, "Next", /\/s\/ch_supply$/);

        const challengePages = [
          { id: "ch_supply", title: "Challenges in supply chains", note: "Suppliers far down the chain are hard to reach." },
          { id: "ch_fin", title: "Challenges for financial institutions", note: "Cash leaves no trail." },
          { id: "ch_tech", title: "Challenges in the technology sector", note: "Platform privacy rules." },
        ];
        for (const [i, challenge] of challengePages.entries()) {
          headings.push((await h1(page))!);
          expect(headings.at(-1)).toBe(challenge.title);
          expect(await page.getByText(`Section ${i + 2} of 8`).count()).toBe(1);
          await expectNoAxeViolations(page);
          await rateAll(page, EN_ROWS, EN_SCALE, { row: 7, label: "Don't know" });
          await page.getByLabel(/In your own words/).fill(challenge.note);
          await pressAndGo(page, "Next", new RegExp(`/s/${challengePages[i + 1]?.id ?? "practices"}$`));
        }

        expect(await h1(page)).toBe("Best practices");
        await expectNoAxeViolations(page);
        await press(page, "Add an example");
        await page.getByRole("group", { name: "Example 1" }).waitFor();
        await press(page, "Add an example");
        const first = page.getByRole("group", { name: "Example 1" });
        const second = page.getByRole("group", { name: "Example 2" });
        await second.waitFor();
        await expectNoAxeViolations(page);
        await first.getByLabel(/Name of the partnership/).fill("Project Protect");
        await question(first, /Which types of organisation take part/)
          .getByLabel("Financial intelligence units or financial regulators")
          .check();
        await question(first, /Which types of organisation take part/)
          .getByLabel("Private companies")
          .check();
        await first.getByLabel(/Main country where it works/).fill("Canada");
        await question(first, /Which sectors does it involve\?/)
          .getByLabel("Financial institutions")
          .check();
        await first.getByLabel(/In which year did it start\?/).fill("2016");
        await first.getByLabel("Yes, it is still running").check();
        await first.getByLabel(/What does the partnership do\?/).fill("Banks and the FIU share typologies of trafficking.");
        await first.getByLabel("Yes, naming the partnership and its partners").check();
        await second.getByLabel(/Name of the partnership/).fill("Truckers' coalition");
        await second.getByLabel(/What does the partnership do\?/).fill("Trains truck drivers to spot and report trafficking.");
        await second.getByLabel("Please ask me first").check();
        const practice = question(page, /Which of these types of practice/);
        await practice
          .getByLabel("Sharing financial intelligence (for example, suspicious transaction reports and typologies)")
          .check();
        await practice.getByLabel("Building coalitions across a whole sector").check();
        await pressAndGo(page, "Next", /\/s\/lessons$/);

        expect(await h1(page)).toBe("Lessons and recommendations");
        await expectNoAxeViolations(page);
        await page.getByLabel("1st place (most important)").selectOption({ label: "A clear legal basis to share information" });
        await page.getByLabel("2nd place").selectOption({ label: "Sustainable funding" });
        await page.getByLabel("3rd place").selectOption({ label: "Strong anti-money-laundering frameworks" });
        await pressAndGo(page, "Next", /\/s\/roles$/);

        expect(await h1(page)).toBe("The role of international organisations and civil society");
        await expectNoAxeViolations(page);
        const roles = question(page, /What should UNODC and other international organisations do/);
        await roles.getByLabel("Run a knowledge hub on PPPs").check();
        await roles.getByLabel("Other", { exact: true }).check();
        await roles.getByLabel("Please specify").fill("Fund pilot projects");
        await question(page, /Would you like to join WhatsOn/)
          .getByLabel("Not sure yet")
          .check();
        await pressAndGo(page, "Next", /\/s\/follow_up$/);

        expect(await h1(page)).toBe("Follow-up");
        expect(await page.getByText("Section 8 of 8").count()).toBe(1);
        await expectNoAxeViolations(page);
        await page.getByLabel("By my name and organisation").check();
        // Citing by name asks the name and organisation to print, on the page itself.
        await page.getByLabel(/Your name, as UNODC may print it/).fill("Alex Rivera");
        await page.getByLabel(/Your organisation, as UNODC may print it/).fill("Example Platforms Inc.");
        await question(page, /Would you like UNODC to invite you/)
          .getByLabel("No", { exact: true })
          .check();
        await pressAndGo(page, "Continue to review", /\/review$/);

        expect(await h1(page)).toBe("Check your answers");
        await expectNoAxeViolations(page);
        for (const challenge of challengePages) expect(await page.getByRole("region", { name: challenge.title }).count()).toBe(1);
        expect(await page.getByText("Technology and online platforms").count()).toBe(1);
        await pressAndGo(page, "Submit my answers", /\/thanks$/);
        expect(await h1(page)).toBe("Thank you");
        await expectNoAxeViolations(page);
      } finally {
        await browser.close();
      }

      const [response] = query(server.databasePath, "select status, language from responses order by created_at desc limit 1");
      expect(response).toEqual({ status: "submitted", language: "en" });
      expect(latestAnswers(server.databasePath)).toMatchObject({
        org_type: { state: "answered", value: 4 },
        industry: { state: "answered", value: 2 },
        country: { state: "answered", value: "MX" },
        scope: { state: "answered", value: 4 },
        role: { state: "answered", value: "Head of trust and safety" },
        years: { state: "answered", value: 5 },
        areas: { state: "answered", value: [1, 2, 3] },
        chal_sc: { state: "answered", value: RATED },
        chal_sc_main: { state: "answered", value: "Suppliers far down the chain are hard to reach." },
        chal_fi: { state: "answered", value: RATED },
        chal_fi_main: { state: "answered", value: "Cash leaves no trail." },
        chal_te: { state: "answered", value: RATED },
        chal_te_main: { state: "answered", value: "Platform privacy rules." },
        ppp_ex: {
          state: "answered",
          value: [
            {
              name: "Project Protect",
              partners: [3, 4],
              main_country: "CA",
              sectors: [2],
              year: 2016,
              status: 1,
              activities: "Banks and the FIU share typologies of trafficking.",
              may_cite: 1,
            },
            { name: "Truckers' coalition", activities: "Trains truck drivers to spot and report trafficking.", may_cite: 4 },
          ],
        },
        practice: { state: "answered", value: [4, 8] },
        lessons: { state: "empty" },
        recs: { state: "empty" },
        enablers: { state: "answered", value: [3, 2, 7] },
        io_role: { state: "answered", value: [3, 96], other: "Fund pilot projects" },
        cs_role: { state: "empty" },
        hub: { state: "answered", value: 3 },
        consent: { state: "answered", value: true },
        cite: { state: "answered", value: 1 },
        cite_name: { state: "answered", value: "Alex Rivera" },
        cite_org: { state: "answered", value: "Example Platforms Inc." },
        meetings: { state: "answered", value: 2 },
        email: { state: "empty" },
      });
    },
    FULL_RUN,
  );
});
