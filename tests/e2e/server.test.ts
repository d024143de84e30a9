import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../support/db";
import { startServer, type RunningServer } from "../support/server";
import { tempDir } from "../support/test-env";

const run = promisify(execFile);
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ ENABLE_DEMO: "1" });
});
afterAll(async () => {
  await server?.stop();
});

const save = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${url}/q/demo/s/choices`, {
    method: "POST",
    body: new URLSearchParams({ __shown: "likes_fruit,channels,size", reference_code: "", _action: "save", ...fields }),
    headers,
    redirect: "manual",
  });

describe("response headers", () => {
  it("forbid framing, inline script and referrers on pages and assets", async () => {
    for (const url of [`${server.url}/q/demo/s/choices`, `${server.url}/organiser/login`]) {
      const response = await fetch(url);
      const csp = response.headers.get("content-security-policy")!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-powered-by")).toBeNull();
      // And the page has no inline executable script for the policy to block.
      const html = await response.text();
      expect(html).not.toMatch(/<script(?![^>]*\b(src|type="application\/json")=?)[^>]*>/);
    }
  });
});

describe("forms posted from another site", () => {
  it("are refused with a 403 and a message, storing nothing", async () => {
    const before = query(server.databasePath, "select count(*) as n from responses");
    for (const origin of ["https://evil.example", "null"]) {
      const response = await save(server.url, { likes_fruit: "1" }, { Origin: origin, "Accept-Language": "es" });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("desde otro sitio");
    }
    expect(query(server.databasePath, "select count(*) as n from responses")).toEqual(before);
    expect((await save(server.url, { likes_fruit: "1" }, { Origin: server.url })).status).toBe(302);
  });
});

describe("request bodies", () => {
  it("over the limit are refused with a 413 in the sender's language, storing nothing", async () => {
    const before = query(server.databasePath, "select count(*) as n from responses");
    const response = await save(server.url, { story: "x".repeat(2 * 1024 * 1024) }, { "Accept-Language": "es-MX" });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("demasiado grande");
    expect(query(server.databasePath, "select count(*) as n from responses")).toEqual(before);
  });
});

describe("a crash in the middle of many saves", () => {
  it("keeps every save that was answered with success, and the database whole", async () => {
    const crashing = await startServer({ ENABLE_DEMO: "1" });
    const tokens: string[] = [];
    let killed = false;
    const attempts = Array.from({ length: 300 }, async (_, i) => {
      // One address may save 120 times a minute; the rest get a 429 and count for nothing here.
      const response = await save(crashing.url, { likes_fruit: String((i % 2) + 1) }).catch(() => null);
      if (response?.status === 302) {
        const cookie = response.headers.getSetCookie().find((c) => c.startsWith("consulta_response="))!;
        const value = JSON.parse(Buffer.from(decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!), "base64").toString("utf8")) as { demo: string };
        tokens.push(value.demo);
      }
      if (!killed && tokens.length >= 40) {
        killed = true;
        await crashing.crash();
      }
    });
    await Promise.all(attempts);
    expect(killed).toBe(true);
    expect(tokens.length).toBeGreaterThanOrEqual(40);

    // Restarted on the same file: every acknowledged save is there, with its answer.
    const restarted = await startServer({ ENABLE_DEMO: "1" }, { databasePath: crashing.databasePath });
    try {
      const db = new Database(crashing.databasePath, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        for (const token of tokens) {
          const hash = crypto.createHash("sha256").update(token).digest("hex");
          const row = db
            .prepare("select a.state from responses r join answers a on a.response_id = r.id where r.resume_token_hash = ? and a.variable = 'likes_fruit'")
            .get(hash) as { state: string } | undefined;
          expect(row, token).toEqual({ state: "answered" });
        }
      } finally {
        db.close();
      }
    } finally {
      await restarted.stop();
    }
  });
});

describe("backups", () => {
  it("copy the live database while the app serves, and the copy restores", async () => {
    for (let i = 0; i < 5; i++) expect((await save(server.url, { likes_fruit: "1" })).status).toBe(302);
    const copy = path.join(tempDir(), "backup.db");
    const during = Promise.all(Array.from({ length: 20 }, () => save(server.url, { likes_fruit: "2" })));
    const { stdout } = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-backup.ts", copy], {
      env: { ...process.env, DATABASE_PATH: server.databasePath },
    });
    await during;
    expect(stdout).toMatch(/integrity ok/);
    // Restore: start the app on the copy and read it back.
    const restored = await startServer({ ENABLE_DEMO: "1" }, { databasePath: copy });
    try {
      const count = query<{ n: number }>(copy, "select count(*) as n from responses")[0]!.n;
      expect(count).toBeGreaterThanOrEqual(5);
      expect((await fetch(`${restored.url}/q/demo/s/choices`)).status).toBe(200);
    } finally {
      await restored.stop();
    }
  });
});
