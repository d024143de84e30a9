import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { execute, query } from "../support/db";
import { startServer, type RunningServer } from "../support/server";
import { eventually, startSmtp } from "../support/smtp";

let server: RunningServer | undefined;
let crashed: Promise<void> | undefined;
const smtp = await startSmtp({
  // The second message is fully transferred, then the sending process dies before the server's "250 OK":
  // the worst moment, when the sender cannot know whether the message was taken.
  onMessage: async (mail) => {
    if (mail.headers.subject !== "Message 2" || crashed) return;
    crashed = server!.crash();
    await crashed;
    throw new Error("connection lost");
  },
});
afterAll(async () => {
  await server?.stop();
  await smtp.close();
});

const env = { SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "0.1", MAIL_RETRY_SECONDS: "0.1", MAIL_LEASE_SECONDS: "1" };

function queue(databasePath: string, count: number) {
  const now = new Date().toISOString();
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `('${crypto.randomUUID()}', 'invitation', 'expert${i + 1}@example.org', 'Message ${i + 1}', 'text', '<p>html</p>', '<m${i + 1}@example.org>', 'queued', 0, '${now}', '${now}')`,
  );
  // One statement: the loop sees all of them at once, as it saw one transaction's rows.
  execute(
    databasePath,
    `insert into outbox (id, kind, to_address, subject, text_body, html_body, message_id, status, attempts, next_attempt_at, created_at)
     values ${rows.join(", ")}`,
  );
}

const statuses = (databasePath: string) =>
  query<{ subject: string; status: string }>(databasePath, "select subject, status from outbox order by subject");

describe("a crash in the middle of sending", () => {
  it("loses nothing and sends nothing twice: the message in flight is marked 'delivery unknown'", async () => {
    server = await startServer(env);
    const { databasePath } = server;
    // Queued while the loop is stopped at its first look: the loop takes them one after the other.
    queue(databasePath, 3);
    await eventually(() => crashed);
    await crashed;
    expect(statuses(databasePath)).toEqual([
      { subject: "Message 1", status: "sent" },
      { subject: "Message 2", status: "sending" },
      { subject: "Message 3", status: "queued" },
    ]);

    server = await startServer(env, { databasePath });
    await eventually(() => statuses(databasePath).every((s) => s.status !== "queued" && s.status !== "sending"));
    expect(statuses(databasePath)).toEqual([
      { subject: "Message 1", status: "sent" },
      { subject: "Message 2", status: "unknown" },
      { subject: "Message 3", status: "sent" },
    ]);
    // Each message reached the mail server once: the one in flight was not sent again by itself.
    expect(smtp.received.map((m) => m.headers.subject).sort()).toEqual(["Message 1", "Message 2", "Message 3"]);
  });
});
