import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, InvitationRow } from "../../db/schema";
import { hashSecret } from "./response.server";

type Db = Kysely<Database>;

export interface NewInvitation {
  questionnaireId: string;
  name: string;
  email: string;
  organisation: string;
  language: string;
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
      name: i.name,
      email: i.email.toLowerCase(),
      organisation: i.organisation,
      language: i.language,
      token_hash: tokenHashOf(id),
      created_at: now,
      created_by: createdBy,
    };
  });
  // SQLite takes at most 32,766 bound values a statement (nine a row here): many statements, one transaction.
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

export async function invitedEmails(db: Db, questionnaireId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("invitations").select("email").where("questionnaire_id", "=", questionnaireId).execute();
  return new Set(rows.map((r) => r.email));
}

export async function findInvitationByToken(db: Db, token: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll().where("token_hash", "=", hashSecret(token)).executeTakeFirst();
}

export async function findInvitationByEmail(db: Db, questionnaireId: string, email: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("questionnaire_id", "=", questionnaireId)
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

/** Invitations with their response's status and last activity. */
export async function listInvitations(db: Db, questionnaireId: string, { unfinishedOnly = false } = {}) {
  let query = db
    .selectFrom("invitations")
    .leftJoin("responses", "responses.invitation_id", "invitations.id")
    .select([
      "invitations.id",
      "invitations.name",
      "invitations.email",
      "invitations.organisation",
      "invitations.language",
      "invitations.created_at",
      "responses.status",
      "responses.updated_at",
    ])
    .where("invitations.questionnaire_id", "=", questionnaireId)
    .orderBy("invitations.created_at", "desc")
    .orderBy("invitations.email");
  if (unfinishedOnly)
    query = query.where((eb) => eb.or([eb("responses.status", "is", null), eb("responses.status", "=", "draft")]));
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    state: (r.status === "submitted" ? "submitted" : r.status === "draft" ? "in_progress" : "not_started") as InvitationStatus,
    lastActivity: r.updated_at,
  }));
}
