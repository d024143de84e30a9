import { beforeAll, describe, expect, it } from "vitest";
import { createAccount, signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { execute, query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
let admin: CookieJar;

beforeAll(async () => {
  // No SMTP_URL: the app works out of the box, and keeps what it would send.
  app = await loadApp({ ENABLE_DEMO: "1" });
  await createAccount(app.databasePath, "admin@example.org", "admin");
  admin = new CookieJar();
  admin.take(await app.handle(formPost("/organiser/login", { email: "admin@example.org", password: "correct horse battery" })));
});

const get = (path: string, jar: CookieJar) => app.handle(new Request(BASE + path, { headers: { Cookie: jar.header() } }));
const post = (path: string, fields: Record<string, string>, jar: CookieJar) =>
  app.handle(formPost(path, fields, { Cookie: jar.header() }));

describe("the outbox without a mail server", () => {
  it("keeps the messages, marked not sent, for administrators to read, and resends one only when asked", async () => {
    await post(
      "/organiser/invitations",
      { q: "demo", intent: "add", name: "Eva Gil", email: "eva@example.org", organisation: "", language: "es" },
      admin,
    );
    const page = await (await get("/organiser/invitations?q=demo", admin)).text();
    expect(page).toContain("No mail server is configured");
    const sent = await post("/organiser/invitations", { q: "demo", intent: "send", kind: "invitation" }, admin);
    expect(await sent.text()).toContain("1 message placed in the outbox. No mail server is configured: it is not sent.");

    const [message] = query<{ id: string; status: string }>(app.databasePath, "select id, status from outbox");
    expect(message!.status).toBe("queued");
    const outbox = await (await get(`/organiser/outbox?m=${message!.id}`, admin)).text();
    expect(outbox).toContain("Not sent");
    expect(outbox).toContain("Invitación: Cuestionario de demostración");
    expect(outbox).toMatch(/http:\/\/localhost\/i\?t=[A-Za-z0-9_-]+/);

    // Queued messages are not "sent again"; a message whose delivery is unknown is, on request, and it is logged.
    expect((await post("/organiser/outbox", { id: message!.id }, admin)).status).toBe(409);
    execute(app.databasePath, "update outbox set status = 'unknown' where id = ?", message!.id);
    expect(await (await get("/organiser/outbox", admin)).text()).toContain("Delivery unknown");
    expect((await post("/organiser/outbox", { id: message!.id }, admin)).status).toBe(200);
    expect(query(app.databasePath, "select status from outbox")).toEqual([{ status: "queued" }]);
    expect(query(app.databasePath, "select action from audit_log where action = 'mail.resend'")).toHaveLength(1);
  });

  it("is for administrators only: it holds addresses and personal links", async () => {
    const organiser = await signedIn(app, "org@example.org", "organiser");
    expect((await get("/organiser/outbox", organiser)).status).toBe(403);
  });
});
