import type { Kysely } from "kysely";
import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Database } from "../../db/schema";
import { logAudit } from "~/models/audit.server";
import { ensureConsultations } from "~/models/consultation.server";
import { purgeStaleDrafts } from "~/models/erasure.server";
import { startOutboxLoop } from "~/mail/outbox-loop.server";
import { DatabaseBusyResponse } from "./database-busy.server";
import { env } from "./env.server";
import { clearErasedCopies } from "./erased-copies.server";
import { getQuestionnaire, questionnaireIds } from "~/questionnaires/registry.server";

declare global {
  // One handle across development rebuilds.
  var __consultaDb: Kysely<Database> | undefined;
  var __consultaOutbox: ReturnType<typeof startOutboxLoop> | null | undefined;
}

async function connect(): Promise<Kysely<Database>> {
  const db = openDatabase(env.database, {
    busyError: () => {
      // Not an error of ours, but worth knowing: another process holds the write lock too long.
      console.warn("The database stayed locked by another writer: answered 503.");
      return new DatabaseBusyResponse();
    },
  });
  await migrateToLatest(db);
  await ensureConsultations(
    db,
    questionnaireIds().map((id) => getQuestionnaire(id)!),
  );
  schedulePurge(db);
  globalThis.__consultaOutbox ??= startOutbox(db);
  return db;
}

/** Without a mail server the outbox is only kept (organisers read it in the app); with one, a loop sends it. */
function startOutbox(db: Kysely<Database>) {
  if (!env.SMTP_URL) return null;
  return startOutboxLoop(db, {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    retrySeconds: env.MAIL_RETRY_SECONDS,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    pollSeconds: env.MAIL_POLL_SECONDS,
    leaseSeconds: env.MAIL_LEASE_SECONDS,
  });
}

/** Tells the sending loop that messages were queued, so they leave now rather than at its next look. */
export function nudgeOutbox() {
  globalThis.__consultaOutbox?.nudge();
}

/** Drafts untouched for DRAFT_RETENTION_DAYS are deleted at start and then daily. */
function schedulePurge(db: Kysely<Database>) {
  const purge = async () => {
    const before = new Date(Date.now() - env.DRAFT_RETENTION_DAYS * 86_400_000).toISOString();
    const purged = await purgeStaleDrafts(db, before);
    if (purged === 0) return;
    await logAudit(db, { action: "drafts.purge", details: { purged, retentionDays: env.DRAFT_RETENTION_DAYS } });
    await clearErasedCopies(db);
  };
  purge().catch((error) => console.error("Purging stale drafts failed:", error));
  setInterval(() => {
    purge().catch((error) => console.error("Purging stale drafts failed:", error));
  }, 86_400_000).unref();
}

export const db: Kysely<Database> = (globalThis.__consultaDb ??= await connect());
