import { beforeAll, describe, expect, it, vi } from "vitest";
import { BASE, loadApp } from "../support/app";
import { execute } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
beforeAll(async () => {
  app = await loadApp();
});

const get = () => app.handle(new Request(BASE + "/healthz"));

describe("/healthz", () => {
  it("answers 200 ok, as plain text never cached, without a login and without setting a cookie", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Set-Cookie")).toBeNull();
  });

  it("answers 503 when the database cannot be read, and 200 again once it can", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    // Another process breaks what the app reads: here, its main table goes away for a moment.
    try {
      execute(app.databasePath, "alter table responses rename to responses_away");
      const refused = await get();
      expect(refused.status).toBe(503);
      expect(refused.headers.get("Cache-Control")).toBe("no-store");
      expect(await refused.text()).toBe("database unreadable");
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      execute(app.databasePath, "alter table responses_away rename to responses");
      warn.mockRestore();
    }
    expect((await get()).status).toBe(200);
  });

  it("changes nothing: a POST is refused", async () => {
    const response = await app.handle(new Request(BASE + "/healthz", { method: "POST" }));
    expect(response.status).toBe(405);
  });
});
