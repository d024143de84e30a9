import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Database } from "../../db/schema";
import { claimNextMessage, markRefused, markSent, markStaleClaimsUnknown } from "~/models/outbox.server";

export interface MailSettings {
  smtpUrl: string;
  from: string;
  retrySeconds: number;
  maxAttempts: number;
  pollSeconds: number;
  /** Longer than any send can take (the transport's timeouts): a claim older than this belongs to a dead process. */
  leaseSeconds: number;
}

/** Whether the server's refusal may pass: 4xx replies and lost connections are worth another try, 5xx are not. */
function isTemporary(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return code === undefined || (code >= 400 && code < 500);
}

function reasonOf(error: unknown): string {
  const { response, message } = error as { response?: string; message?: string };
  return (response ?? message ?? String(error)).slice(0, 1000);
}

/**
 * Works the outbox in the background, one message at a time: claim, send, mark. A row is marked sent
 * right after the server accepts it; the claim before sending means a crash in between leaves it "sending",
 * which the next start turns into "unknown" rather than sending it a second time.
 */
export function startOutboxLoop(db: Kysely<Database>, settings: MailSettings) {
  // Bounded waits, well inside the lease: a send still running is never taken for a dead one.
  const transport = nodemailer.createTransport(
    { url: settings.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from: settings.from },
  );
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function sendOne(): Promise<boolean> {
    const message = await claimNextMessage(db);
    if (!message) return false;
    try {
      await transport.sendMail({
        to: message.to_address,
        replyTo: message.reply_to ?? undefined,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        messageId: message.message_id,
      });
    } catch (error) {
      const retry = isTemporary(error) && message.attempts < settings.maxAttempts;
      const delay = settings.retrySeconds * 1000 * 2 ** (message.attempts - 1);
      await markRefused(db, message.id, reasonOf(error), retry ? new Date(Date.now() + delay) : null);
      return true;
    }
    await markSent(db, message.id);
    return true;
  }

  async function work() {
    timer = undefined;
    try {
      // Checked on every tick, not only at start: a claim outlives its lease only when its process died.
      const unknown = await markStaleClaimsUnknown(db, new Date(Date.now() - settings.leaseSeconds * 1000));
      if (unknown) console.warn(`${unknown} e-mail(s) were being sent when a server stopped: marked "delivery unknown".`);
      while (!stopped && (await sendOne()));
    } catch (error) {
      console.warn("The outbox loop met an error and will try again:", error);
    }
    if (!stopped) timer = setTimeout(() => void work(), settings.pollSeconds * 1000).unref();
  }

  void work();

  return {
    /** Looks at the outbox now rather than at the next tick (after queuing). */
    nudge() {
      if (stopped || !timer) return;
      clearTimeout(timer);
      void work();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      transport.close();
    },
  };
}
