import { execute } from "../support/db";
import { onPostgres } from "../support/engine";
import { beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";

let app: Awaited<ReturnType<typeof loadApp>>;
beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
});

/** Breaks the database under the running app, as a full disk or a damaged file would. */
const breakDatabase = (sql: string) => execute(app.databasePath, sql);

/** A failure on our side is logged (entry.server's handleError): here that log is expected, not a test failure. */
function expectServerErrorLogged() {
  const logged: unknown[][] = [];
  const consoleError = vi.mocked(console.error);
  const failOnLog = consoleError.getMockImplementation()!;
  consoleError.mockImplementation((...args) => void logged.push(args));
  onTestFinished(() => {
    consoleError.mockImplementation(failOnLog);
  });
  return logged;
}

const headers = (jar: CookieJar) => ({ Cookie: jar.header(), "Accept-Language": "es" });
const choices = { __shown: "likes_fruit,channels,size", _action: "save" };

describe("the page shown when something fails on our side", () => {
  const jar = new CookieJar();

  it("after a form that could not be saved, says it may not have been saved and what to do, never that it is safe", async () => {
    jar.take(await app.handle(formPost("/q/demo/s/choices", { ...choices, likes_fruit: "1" }, headers(jar))));
    breakDatabase(
      onPostgres
        ? // A rule no row meets, checked from now on: every later save of an answer fails.
          "alter table answers add constraint full_disk check (false) not valid"
        : "create trigger full_disk before update on answers begin select raise(abort, 'database or disk is full'); end;",
    );
    const logged = expectServerErrorLogged();
    const failed = await app.handle(formPost("/q/demo/s/choices", { ...choices, likes_fruit: "2" }, headers(jar)));
    expect(failed.status).toBe(500);
    const html = await failed.text();
    expect(html).toContain("es posible que lo que acaba de enviar no se haya guardado");
    expect(html).toContain("Lo que se guardó antes se conserva");
    expect(html).not.toContain("a salvo");
    expect(logged.length).toBeGreaterThan(0);
  });

  it("when a page cannot be shown, makes no claim about saving", async () => {
    breakDatabase("alter table answers rename to answers_lost;");
    const logged = expectServerErrorLogged();
    const failed = await app.handle(new Request(`${BASE}/q/demo/s/choices`, { headers: headers(jar) }));
    expect(failed.status).toBe(500);
    const html = await failed.text();
    expect(html).toContain("Algo salió mal de nuestro lado");
    expect(html).not.toMatch(/guard|a salvo|conserva/);
    expect(logged.length).toBeGreaterThan(0);
  });
});
