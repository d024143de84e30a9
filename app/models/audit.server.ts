import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;

export interface AuditEntry {
  actor?: { id: string; email: string } | null;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Counts, filters, roles: never answers, passwords or tokens. */
  details?: Record<string, unknown>;
}

export async function logAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: new Date().toISOString(),
      actor_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

/** Which entries to show: by the person who acted, the action, and UTC days (both inclusive, YYYY-MM-DD). */
export interface AuditFilter {
  actorEmail?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** The newest entries first, a page at a time (before: the last id of the previous page). */
export async function listAudit(
  db: Db,
  { limit, before, filter = {} }: { limit: number; before?: number; filter?: AuditFilter },
) {
  let query = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(limit);
  if (before !== undefined) query = query.where("id", "<", before);
  if (filter.actorEmail) query = query.where("actor_email", "=", filter.actorEmail);
  if (filter.action) query = query.where("action", "=", filter.action);
  // `at` is an ISO timestamp in UTC, so days compare as text.
  if (filter.from) query = query.where("at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where("at", "<=", `${filter.to}T23:59:59.999Z`);
  return query.execute();
}

/** The people and actions the log holds, for its filters. */
export async function auditFacets(db: Db) {
  const [actors, actions] = await Promise.all([
    db
      .selectFrom("audit_log")
      .select("actor_email")
      .distinct()
      .where("actor_email", "is not", null)
      .orderBy("actor_email")
      .execute(),
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute(),
  ]);
  return { actors: actors.map((a) => a.actor_email!), actions: actions.map((a) => a.action) };
}
