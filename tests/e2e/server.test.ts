import { execFile } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { query } from "../support/db";
import { databaseEnv, freshDatabase, onPostgres } from "../support/engine";
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

/** A request written by hand, as no browser would send it; resolves with the status line and headers. */
function rawRequest(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("requests no browser sends", () => {
  it("with TRACE or another unknown method get a 405 naming the allowed methods, in the sender's language", async () => {
    for (const method of ["TRACE", "PUT", "DELETE", "OPTIONS", "PATCH"]) {
      const answer = await rawRequest(
        server.url,
        `${method} /q/demo/s/choices HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: es\r\nConnection: close\r\n\r\n`,
      );
      expect(answer, method).toMatch(/^HTTP\/1\.1 405/);
      expect(answer).toMatch(/\r\nAllow: GET, HEAD, POST\r\n/i);
      expect(answer).toContain("no acepta ese tipo de solicitud");
    }
  });

  it("with a malformed Host get a 400, not a 500", async () => {
    for (const host of ["exa mple.org", "a:b:c", "[zz]", "example.org:99999999", "ex%61mple.org", "@evil", ""]) {
      const answer = await rawRequest(server.url, `GET /q/demo/s/choices HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(answer, host).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toContain("not valid");
    }
  });
});

describe("caches", () => {
  it("keep nothing but fingerprinted assets: pages, data requests, downloads and redirects are no-store", async () => {
    const page = await fetch(`${server.url}/q/demo/s/choices`);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const asset = (await page.text()).match(/href="(\/build\/_assets\/[^"]+\.css)"/)![1]!;
    expect((await fetch(server.url + asset)).headers.get("cache-control")).toMatch(/immutable/);
    const data = await fetch(`${server.url}/organiser/login?_data=routes%2Forganiser_.login`);
    expect(data.headers.get("cache-control")).toBe("no-store");
    const saved = await save(server.url, { likes_fruit: "1" });
    expect(saved.status).toBe(302);
    expect(saved.headers.getSetCookie().length).toBeGreaterThan(0);
    expect(saved.headers.get("cache-control")).toBe("no-store");
    for (const path of ["/organiser", "/organiser/users", "/no/such/page"]) {
      expect((await fetch(server.url + path, { redirect: "manual" })).headers.get("cache-control"), path).toBe("no-store");
    }
  });
});

describe("a deployment", () => {
  it("does not start without PUBLIC_URL, and says why", async () => {
    await expect(startServer({ PUBLIC_URL: undefined as unknown as string })).rejects.toThrow(/PUBLIC_URL is missing/);
  });

  it("builds links from PUBLIC_URL, never from the Host of the request, and sends HSTS behind HTTPS", async () => {
    const deployed = await startServer({ PUBLIC_URL: "https://consulta.example.org" });
    try {
      await createAccount(deployed.databasePath, "ana@example.org", "admin", "a long admin password");
      const credentials = "email=ana%40example.org&password=a+long+admin+password";
      const login = await rawRequest(
        deployed.url,
        "POST /organiser/login HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
          `Content-Length: ${credentials.length}\r\nConnection: close\r\n\r\n${credentials}`,
      );
      expect(login).toMatch(/^HTTP\/1\.1 302/);
      expect(login).toMatch(/\r\nStrict-Transport-Security: max-age=\d+/i);
      const cookie = login.match(/\r\nSet-Cookie: ([^;]+)/i)![1]!;
      const add = "q=pre-regm&intent=add&name=Rosa&email=rosa%40example.org&organisation=&language=es";
      const added = await rawRequest(
        deployed.url,
        `POST /organiser/invitations HTTP/1.1\r\nHost: evil.example\r\nCookie: ${cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
          `Content-Length: ${add.length}\r\nConnection: close\r\n\r\n${add}`,
      );
      expect(added).toMatch(/^HTTP\/1\.1 200/);
      const list = await rawRequest(
        deployed.url,
        `GET /organiser/invitations HTTP/1.1\r\nHost: evil.example\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
      );
      expect(list).toContain("https://consulta.example.org/i?t=");
      expect(list).not.toContain("evil.example");
    } finally {
      await deployed.stop();
    }
    // A local start (npm start without NODE_ENV) may be reached over plain HTTP: no HSTS there.
    expect((await fetch(`${server.url}/q/demo/s/choices`)).headers.get("strict-transport-security")).toBeNull();
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

  it("may be larger for an invitation list of 20,000 experts, and only there", async () => {
    await createAccount(server.databasePath, "inviter@example.org", "organiser");
    const signedIn = await fetch(`${server.url}/organiser/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "inviter@example.org", password: "correct horse battery" }),
      redirect: "manual",
    });
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const lines = ["name,email,organisation,language"];
    for (let i = 0; i < 20_000; i++)
      lines.push(`Experta Número ${i},experta.${i}@ministerio.example.org,Ministerio de Justicia y Derechos Humanos,es`);
    const csv = lines.join("\r\n");
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const form = new FormData();
    form.set("q", "demo");
    form.set("intent", "upload");
    form.set("file", new File([csv], "experts.csv", { type: "text/csv" }));
    const upload = await fetch(`${server.url}/organiser/invitations`, {
      method: "POST",
      body: form,
      headers: { Cookie: cookie },
    });
    expect(upload.status).toBe(200);
    expect(query(server.databasePath, "select count(*) as n from invitations")).toEqual([{ n: 20_000 }]);
    // The same body anywhere else is over the limit.
    const elsewhere = await fetch(`${server.url}/organiser/users`, { method: "POST", body: form, headers: { Cookie: cookie } });
    expect(elsewhere.status).toBe(413);
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
        const value = JSON.parse(
          Buffer.from(decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!), "base64").toString("utf8"),
        ) as { demo: string };
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
      // PostgreSQL checks its own pages; a SQLite file is checked here.
      if (!onPostgres) expect(query(crashing.databasePath, "pragma integrity_check")).toEqual([{ integrity_check: "ok" }]);
      const hashes = tokens.map((token) => crypto.createHash("sha256").update(token).digest("hex"));
      const saved = query<{ resume_token_hash: string; state: string }>(
        crashing.databasePath,
        "select r.resume_token_hash, a.state from responses r join answers a on a.response_id = r.id where a.variable = 'likes_fruit'",
      );
      const stateOf = new Map(saved.map((row) => [row.resume_token_hash, row.state]));
      for (const [i, hash] of hashes.entries()) expect(stateOf.get(hash), tokens[i]).toBe("answered");
    } finally {
      await restarted.stop();
    }
  });
});

describe("backups", () => {
  it("copy the live database while the app serves, and the copy restores", async () => {
    for (let i = 0; i < 5; i++) expect((await save(server.url, { likes_fruit: "1" })).status).toBe(302);
    const copy = path.join(tempDir(), onPostgres ? "backup.dump" : "backup.db");
    const during = Promise.all(Array.from({ length: 20 }, () => save(server.url, { likes_fruit: "2" })));
    const { stdout } = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-backup.ts", copy], {
      env: { ...process.env, ...databaseEnv(server.databasePath) },
    });
    await during;
    expect(stdout).toMatch(onPostgres ? /archive readable/ : /integrity ok/);
    // Restore (on PostgreSQL into a new database, as the README says) and start the app on the copy.
    const restoredDatabase = onPostgres ? await freshDatabase() : copy;
    if (onPostgres) await run("pg_restore", ["--no-owner", `--dbname=${restoredDatabase}`, copy]);
    const restored = await startServer({ ENABLE_DEMO: "1" }, { databasePath: restoredDatabase });
    try {
      const count = query<{ n: number }>(restoredDatabase, "select count(*) as n from responses")[0]!.n;
      expect(count).toBeGreaterThanOrEqual(5);
      expect((await fetch(`${restored.url}/q/demo/s/choices`)).status).toBe(200);
    } finally {
      await restored.stop();
    }
  });
});
