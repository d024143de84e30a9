import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { startServer, type RunningServer } from "../support/server";
import { eventually } from "../support/smtp";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ ENABLE_DEMO: "1" });
});
afterAll(async () => {
  await server?.stop();
});

interface LogLine {
  method: string;
  route: string | null;
  status: number;
  ms: number;
}

const logLines = () =>
  server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine & Record<string, unknown>);

describe("the request log", () => {
  it("writes one JSON line per request with its route id, never a token, an e-mail, a cookie or a query", async () => {
    const token = "Tk9UX0lOX1RIRV9MT0dfZXZlcg";
    const email = "private.person@example.org";
    await createAccount(server.databasePath, email, "organiser");
    const signedIn = await fetch(`${server.url}/organiser/login`, {
      method: "POST",
      body: new URLSearchParams({ email, password: "correct horse battery" }),
      redirect: "manual",
    });
    expect(signedIn.status).toBe(302);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const requests = [
      `/i?t=${token}`,
      `/i/${token}`,
      `/citation?t=${token}&lng=es`,
      `/q/demo/resume?token=${token}`,
      `/q/demo/s/choices`,
      `/organiser/${encodeURIComponent(email)}`,
      `/organiser/responses/${token}`,
    ];
    for (const path of requests) await fetch(server.url + path, { headers: { Cookie: cookie }, redirect: "manual" });

    // Written when each response has finished: the last may land just after its fetch resolved.
    const lines = await eventually(() => logLines().length >= requests.length + 1 && logLines());
    for (const { method, route, status, ms } of lines) {
      expect([typeof method, typeof status, typeof ms]).toEqual(["string", "number", "number"]);
      expect(route === null || /^(root|routes\/)/.test(route)).toBe(true);
    }
    expect(lines.map((l) => l.route)).toEqual(
      expect.arrayContaining([
        "routes/organiser_.login",
        "routes/i",
        "routes/citation",
        "routes/q.$qid.resume",
        "routes/q.$qid.s.$sectionId",
        "routes/organiser.responses.$id",
      ]),
    );
    const log = lines.map((l) => JSON.stringify(l)).join("\n");
    for (const secret of [token, email, encodeURIComponent(email), "example.org", cookie.split("=")[1]!, "?", "t="]) {
      expect(log).not.toContain(secret);
    }
  });
});
