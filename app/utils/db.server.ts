import crypto from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Database } from "../../db/schema";
import { logAudit } from "~/models/audit.server";
import { ensureConsultations } from "~/models/consultation.server";
import { purgeStaleDrafts } from "~/models/erasure.server";
import { takeJobLease } from "~/models/job-lease.server";
import { deleteExpiredRateLimits } from "~/models/rate-limits.server";
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
  await scheduleJobs(db);
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

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** This process in the job leases: enough to tell processes apart, nothing personal. */
const LEASE_HOLDER = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;

/**
 * Runs `job` at start and then about every `everyMs`, once for all the processes that share the
 * database, not once per process: each looks at least hourly, and only the one that takes the
 * job's lease runs it. When that process is gone, another takes the next turn. Resolves after the
 * first turn, so a process serves only once it has had its turn (or seen another's).
 */
async function scheduleShared(db: Kysely<Database>, name: string, everyMs: number, job: () => Promise<void>) {
  const turn = async () => {
    const now = new Date();
    if (await takeJobLease(db, { name, holder: LEASE_HOLDER, now, until: new Date(now.getTime() + everyMs) })) await job();
  };
  const run = () => turn().catch((error) => console.error(`The job "${name}" failed:`, error));
  setInterval(() => void run(), Math.min(everyMs, HOUR_MS)).unref();
  await run();
}

async function scheduleJobs(db: Kysely<Database>) {
  // Drafts untouched for DRAFT_RETENTION_DAYS are deleted daily.
  await scheduleShared(db, "purge-stale-drafts", DAY_MS, async () => {
    const before = new Date(Date.now() - env.DRAFT_RETENTION_DAYS * DAY_MS).toISOString();
    const purged = await purgeStaleDrafts(db, before);
    if (purged === 0) return;
    await logAudit(db, { action: "drafts.purge", details: { purged, retentionDays: env.DRAFT_RETENTION_DAYS } });
    await clearErasedCopies(db);
  });
  // Rate limit counts whose window ended over an hour ago: the table stays as small as the traffic of the last hour.
  await scheduleShared(db, "sweep-rate-limits", 5 * 60_000, async () => {
    await deleteExpiredRateLimits(db, new Date(Date.now() - HOUR_MS));
  });
}

export const db: Kysely<Database> = (globalThis.__consultaDb ??= await connect());
