import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database, InvitationRow, OutboxStatus } from "../../db/schema";
import { likeAnyCase } from "../../db/portable";
import { hashSecret } from "./response.server";
import { inScope, type ConsultationScope } from "./consultation-scope.server";

type Db = Kysely<Database>;

export interface NewInvitation {
  questionnaireId: string;
  /** The consultation (round) the expert is invited to. */
  consultationId: string;
  name: string;
  email: string;
  organisation: string;
  language: string;
  country?: string;
  region?: string;
  sector?: string;
}

const ROWS_PER_INSERT = 1000;

/** Adds invitations in one transaction (all or none); `tokenHashOf` gives the stored hash of each id's link token. */
export async function createInvitations(
  db: Db,
  invitations: NewInvitation[],
  createdBy: string | null,
  tokenHashOf: (id: string) => string,
): Promise<InvitationRow[]> {
  if (!invitations.length) return [];
  const now = new Date().toISOString();
  const rows = invitations.map((i) => {
    const id = crypto.randomUUID();
    return {
      id,
      questionnaire_id: i.questionnaireId,
      consultation_id: i.consultationId,
      name: i.name,
      email: i.email.toLowerCase(),
      organisation: i.organisation,
      language: i.language,
      country: i.country ?? "",
      region: i.region ?? "",
      sector: i.sector ?? "",
      token_hash: tokenHashOf(id),
      created_at: now,
      created_by: createdBy,
    };
  });
  // SQLite takes at most 32,766 bound values a statement (twelve a row here): many statements, one transaction.
  return db.transaction().execute(async (trx) => {
    const created: InvitationRow[] = [];
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      created.push(
        ...(await trx
          .insertInto("invitations")
          .values(rows.slice(start, start + ROWS_PER_INSERT))
          .returningAll()
          .execute()),
      );
    }
    return created;
  });
}

/**
 * The addresses already invited within the scope. The database allows an address once per questionnaire
 * (whatever the consultation), so adding checks the whole questionnaire.
 */
export async function invitedEmails(db: Db, scope: ConsultationScope): Promise<Set<string>> {
  const rows = await db.selectFrom("invitations").select("email").where(inScope("invitations", scope)).execute();
  return new Set(rows.map((r) => r.email));
}

export async function findInvitationByToken(db: Db, token: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll().where("token_hash", "=", hashSecret(token)).executeTakeFirst();
}

export async function findInvitationByEmail(db: Db, scope: ConsultationScope, email: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where(inScope("invitations", scope))
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findInvitationById(db: Db, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Every response made through an invitation, oldest first (normally one). */
export async function responsesOfInvitation(db: Db, invitationId: string) {
  return db.selectFrom("responses").selectAll().where("invitation_id", "=", invitationId).orderBy("created_at").execute();
}

export async function responseOfInvitation(db: Db, invitationId: string) {
  return db
    .selectFrom("responses")
    .selectAll()
    .where("invitation_id", "=", invitationId)
    .orderBy("created_at")
    .executeTakeFirst();
}

export type InvitationStatus = "not_started" | "in_progress" | "submitted";

export interface InvitationFilter {
  /** One consultation of the questionnaire; absent or null: all of them. */
  consultationId?: string | null;
  unfinishedOnly?: boolean;
  /** Part of a name, e-mail address or organisation, any case. */
  search?: string;
}

/** `text` taken literally inside a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filteredInvitations(
  db: Db,
  questionnaireId: string,
  { consultationId = null, unfinishedOnly = false, search = "" }: InvitationFilter,
) {
  let query = db
    .selectFrom("invitations")
    .leftJoin("responses", "responses.invitation_id", "invitations.id")
    .where(inScope("invitations", { questionnaireId, consultationId }));
  if (unfinishedOnly)
    query = query.where((eb) => eb.or([eb("responses.status", "is", null), eb("responses.status", "=", "draft")]));
  const term = search.trim();
  if (term) {
    const pattern = `%${likeLiteral(term)}%`;
    query = query.where((eb) =>
      eb.or(
        (["invitations.name", "invitations.email", "invitations.organisation"] as const).map((column) =>
          eb(column, likeAnyCase(db), sql<string>`${pattern} escape '\\'`),
        ),
      ),
    );
  }
  return query;
}

/** How many invitations the filter keeps. */
export async function countInvitations(db: Db, questionnaireId: string, filter: InvitationFilter = {}): Promise<number> {
  const row = await filteredInvitations(db, questionnaireId, filter)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Invitations with their response's status and last activity; one page of them when `page` is given. */
export async function listInvitations(
  db: Db,
  questionnaireId: string,
  filter: InvitationFilter = {},
  page?: { limit: number; offset: number },
) {
  let query = filteredInvitations(db, questionnaireId, filter)
    .select([
      "invitations.id",
      "invitations.name",
      "invitations.email",
      "invitations.organisation",
      "invitations.language",
      "invitations.created_at",
      "invitations.country",
      "invitations.region",
      "invitations.sector",
      "invitations.invited_at",
      "invitations.reminded_at",
      "invitations.declined_at",
      "responses.status",
      "responses.updated_at",
      (eb) =>
        eb
          .selectFrom("outbox")
          .select("outbox.status")
          .whereRef("outbox.invitation_id", "=", "invitations.id")
          .orderBy("outbox.created_at", "desc")
          .limit(1)
          .as("delivery"),
    ])
    .orderBy("invitations.created_at", "desc")
    .orderBy("invitations.email");
  if (page) query = query.limit(page.limit).offset(page.offset);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    state: (r.status === "submitted" ? "submitted" : r.status === "draft" ? "in_progress" : "not_started") as InvitationStatus,
    lastActivity: r.updated_at,
  }));
}

type InvitationsQuery = ReturnType<typeof selectInvitees>;

function selectInvitees(db: Db, scope: ConsultationScope) {
  return db
    .selectFrom("invitations")
    .select(["id", "name", "email", "organisation", "language"])
    .where(inScope("invitations", scope))
    .where("declined_at", "is", null);
}

/** Keeps the invitations with no message of `kind` (in one of `statuses`, when given) in the outbox. */
function withoutMessage(query: InvitationsQuery, kind: "invitation" | "reminder", statuses?: OutboxStatus[]) {
  return query.where((eb) => {
    let messages = eb
      .selectFrom("outbox")
      .select("outbox.id")
      .whereRef("outbox.invitation_id", "=", "invitations.id")
      .where("outbox.kind", "=", kind);
    if (statuses) messages = messages.where("outbox.status", "in", statuses);
    return eb.not(eb.exists(messages));
  });
}

const among = (query: InvitationsQuery, ids: string[]) => query.where("id", "in", ids.length ? ids : [""]);

/** Those to write to: `ids` when given (any state but declined), else everyone no invitation was ever queued for. */
export async function inviteesToInvite(db: Db, scope: ConsultationScope, ids: string[] | null) {
  const query = selectInvitees(db, scope);
  return (ids ? among(query, ids) : withoutMessage(query, "invitation")).orderBy("email").execute();
}

/**
 * Those a reminder may go to: invited, not submitted, not declined, last written to before `before`,
 * with no reminder already waiting; among `ids` when given.
 */
export async function inviteesToRemind(db: Db, scope: ConsultationScope, ids: string[] | null, before: Date) {
  let query = selectInvitees(db, scope)
    .where("invited_at", "is not", null)
    .where((eb) => eb(eb.fn.coalesce("reminded_at", "invited_at"), "<=", before.toISOString()))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("responses")
            .select("responses.id")
            .whereRef("responses.invitation_id", "=", "invitations.id")
            .where("responses.status", "=", "submitted"),
        ),
      ),
    );
  query = withoutMessage(query, "reminder", ["queued", "sending"]);
  return (ids ? among(query, ids) : query).orderBy("email").execute();
}

export async function declineInvitation(db: Db, id: string, now = new Date()) {
  await db
    .updateTable("invitations")
    .set({ declined_at: now.toISOString() })
    .where("id", "=", id)
    .where("declined_at", "is", null)
    .execute();
}

export type InvitationChanges = Pick<
  InvitationRow,
  "name" | "email" | "organisation" | "language" | "country" | "region" | "sector"
>;

/** Changes an invitation; false when another invitation of the questionnaire (any consultation) has that address. */
export async function updateInvitation(db: Db, id: string, changes: InvitationChanges): Promise<boolean> {
  const email = changes.email.trim().toLowerCase();
  const current = await findInvitationById(db, id);
  if (!current) return false;
  const other = await findInvitationByEmail(db, { questionnaireId: current.questionnaire_id, consultationId: null }, email);
  if (other && other.id !== id) return false;
  await db
    .updateTable("invitations")
    .set({ ...changes, email })
    .where("id", "=", id)
    .execute();
  return true;
}

/** Deletes an invitation and what it still had waiting in the outbox; its response stays, no longer tied to it. */
export async function deleteInvitation(db: Db, id: string) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("outbox").where("invitation_id", "=", id).where("status", "=", "queued").execute();
    await trx.deleteFrom("invitations").where("id", "=", id).execute();
  });
}
