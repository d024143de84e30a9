import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/accounts";
import { execute, query } from "../support/db";
import { startServer, type RunningServer } from "../support/server";
import { eventually, startSmtp } from "../support/smtp";

// Two app processes on one database (of the run's engine), as behind a proxy: they must behave as one.
const smtp = await startSmtp();
const env = { ENABLE_DEMO: "1", SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "0.1", DRAFT_RETENTION_DAYS: "1" };
let a: RunningServer;
let b: RunningServer | undefined;
beforeAll(async () => {
  a = await startServer(env);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await smtp.close();
});

/** Process B, started once on A's database; the purge test starts it at the moment it needs. */
async function processB() {
  b ??= await startServer(env, { databasePath: a.databasePath });
  return b;
}

const login = (server: RunningServer, email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/organiser/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers,
    redirect: "manual",
  });

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

async function signIn(server: RunningServer, email: string) {
  const response = await login(server, email, "correct horse battery");
  expect(response.status).toBe(302);
  return cookieOf(response);
}

/** Drafts whose last save is older than DRAFT_RETENTION_DAYS. */
const staleDrafts = () =>
  query<{ n: number }>(
    a.databasePath,
    "select count(*) as n from responses where status = 'draft' and updated_at < '2026-01-01'",
  )[0]!.n;

async function saveStaleDraft(server: RunningServer) {
  const saved = await fetch(`${server.url}/q/demo/s/choices`, {
    method: "POST",
    body: new URLSearchParams({ __shown: "likes_fruit,channels,size", reference_code: "", _action: "save", likes_fruit: "1" }),
    redirect: "manual",
  });
  expect(saved.status).toBe(302);
  execute(a.databasePath, "update responses set updated_at = '2025-06-01T00:00:00.000Z' where status = 'draft'");
}

describe("two processes on one database", () => {
  it("run the daily purge once: the second process to start leaves it to the first's lease", async () => {
    // A has purged at its start (nothing then) and holds the day's lease; a draft goes stale after that.
    await saveStaleDraft(a);
    expect(staleDrafts()).toBe(1);
    const second = await processB();
    // B has had its turn before it listens: it found the lease taken and purged nothing.
    expect(staleDrafts()).toBe(1);
    const [lease] = query<{ holder: string }>(a.databasePath, "select holder from job_leases where name = 'purge-stale-drafts'");
    expect(lease!.holder).toContain(`:${a.pid}:`);
    expect(second.pid).not.toBe(a.pid);
  });

  it("count a login limit as one: guesses split between them are refused at the same point", async () => {
    const second = await processB();
    await createAccount(a.databasePath, "target@example.org", "organiser");
    // Eight wrong passwords per account from one address, four through each process.
    for (const server of [a, second, a, second, a, second, a, second]) {
      expect((await login(server, "target@example.org", "wrong password")).status).toBe(401);
    }
    const refused = await login(a, "target@example.org", "wrong password", { "Accept-Language": "es" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("Demasiados intentos");
    // The right password is refused too, on either process, until the window ends.
    expect((await login(second, "target@example.org", "correct horse battery")).status).toBe(429);
    // The table holds digests, not the address or the e-mail.
    expect(JSON.stringify(query(a.databasePath, "select key from rate_limits"))).not.toMatch(/example\.org|127\.0\.0\.1/);
  });

  it("share sessions: signed in on A is signed in on B, and signing out on B ends it on A", async () => {
    const second = await processB();
    await createAccount(a.databasePath, "colleague@example.org", "organiser");
    const cookie = await signIn(a, "colleague@example.org");
    expect((await fetch(`${second.url}/organiser`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
    const out = await fetch(`${second.url}/organiser/logout`, {
      method: "POST",
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(out.status).toBe(302);
    const after = await fetch(`${a.url}/organiser`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toMatch(/\/organiser\/login/);
  });

  it("send each queued message once while both work the outbox", async () => {
    const second = await processB();
    await createAccount(a.databasePath, "sender@example.org", "admin");
    const cookie = await signIn(a, "sender@example.org");
    const experts = Array.from({ length: 6 }, (_, i) => `Expert ${i},expert${i}@example.org,Ministry,en`);
    const upload = new FormData();
    upload.set("q", "demo");
    upload.set("intent", "upload");
    upload.set(
      "file",
      new File([["name,email,organisation,language", ...experts].join("\r\n")], "experts.csv", { type: "text/csv" }),
    );
    expect(
      (await fetch(`${a.url}/organiser/invitations`, { method: "POST", body: upload, headers: { Cookie: cookie } })).status,
    ).toBe(200);
    const send = await fetch(`${a.url}/organiser/invitations`, {
      method: "POST",
      body: new URLSearchParams({ q: "demo", intent: "send", kind: "invitation" }),
      headers: { Cookie: cookie },
    });
    expect(send.status).toBe(200);
    await eventually(
      () => query<{ n: number }>(a.databasePath, "select count(*) as n from outbox where status = 'sent'")[0]!.n === 6,
    );
    // Both loops were running (B polls every 0.1 s too); still each expert got one message.
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(experts.map((_, i) => `expert${i}@example.org`).sort());
    expect(second.pid).toBeGreaterThan(0);
  });

  it("make a download in the process that was asked, whichever signed the organiser in", async () => {
    const second = await processB();
    await createAccount(a.databasePath, "analyst@example.org", "admin");
    const cookie = await signIn(a, "analyst@example.org");
    // Streamed in the answer to the request that asked for it: no prepared file for another process to find.
    const exported = await fetch(`${second.url}/organiser/export/file`, {
      method: "POST",
      body: new URLSearchParams({ q: "demo", status: "submitted", format: "coded" }),
      headers: { Cookie: cookie },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("Content-Disposition")).toContain("attachment");
    expect((await exported.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });
});

/** A GET on a new connection each time, so the cluster's round robin hands it to the next worker. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode!));
      })
      .on("error", reject);
  });
}

describe("WEB_CONCURRENCY=2", () => {
  it("answers on one port from two worker processes, and replaces one that dies", async () => {
    const cluster = await startServer({ WEB_CONCURRENCY: "2", ENABLE_DEMO: "1" });
    try {
      expect(cluster.output()).toContain("with 2 processes");
      for (let i = 0; i < 6; i++) expect(await getOnNewConnection(`${cluster.url}/healthz`)).toBe(200);
      expect(await getOnNewConnection(`${cluster.url}/q/demo/s/choices`)).toBe(200);
      await eventually(
        () =>
          cluster
            .output()
            .split("\n")
            .filter((l) => l.includes('"routes/healthz"')).length === 6,
      );
      const pids = new Set(
        cluster
          .output()
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => (JSON.parse(line) as { pid: number }).pid),
      );
      // Two workers answered, neither of them the primary.
      expect(pids.size).toBe(2);
      expect(pids.has(cluster.pid)).toBe(false);

      // A worker that dies is replaced; the port answers meanwhile and after.
      process.kill([...pids][0]!, "SIGKILL");
      await eventually(() => cluster.output().includes("starting another") && cluster.output().match(/is ready/g)!.length === 3);
      for (let i = 0; i < 4; i++) expect(await getOnNewConnection(`${cluster.url}/healthz`)).toBe(200);
    } finally {
      await cluster.stop();
    }
  });
});
