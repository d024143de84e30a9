import type { Kysely } from "kysely";
import type { Database, InvitationRow, ResponseRow } from "../../db/schema";
import { isInScope, type ConsultationScope } from "~/models/consultation-scope.server";
import { codingsByCoder, type ErasureTarget } from "~/models/erasure.server";
import { findInvitationByEmail, findInvitationById, responsesOfInvitation } from "~/models/invitation.server";
import { countAnswered, findResponseByCode, findResponseById } from "~/models/response.server";
import { normalizeCode } from "~/respondent/resume.server";

type Db = Kysely<Database>;

/** What an erasure will delete, shown before the irreversible step. */
export interface ErasurePreview {
  target: ErasureTarget;
  responses: Array<{ startedAt: string; lastSavedAt: string; submittedAt: string | null; answered: number }>;
  invitation: { name: string; email: string; organisation: string } | null;
  codings: Array<{ coder: string; count: number }>;
}

export async function findByResumeCode(db: Db, scope: ConsultationScope, typed: string): Promise<ErasureTarget | null> {
  const code = normalizeCode(typed).slice(0, 40);
  const response = code ? await findResponseByCode(db, { questionnaireId: scope.questionnaireId }, code) : undefined;
  return response ? { by: "response", id: response.id } : null;
}

/** The expert invited at that address to the chosen consultation: each round has its own invitations. */
export async function findByInvitationEmail(db: Db, scope: ConsultationScope, typed: string): Promise<ErasureTarget | null> {
  const email = typed.trim().slice(0, 254);
  const invitation = email ? await findInvitationByEmail(db, scope, email) : undefined;
  return invitation ? { by: "invitation", id: invitation.id } : null;
}

/**
 * Everything that erasing the target deletes (the same set `eraseRespondent` deletes), or null
 * when it is not, or no longer, in the chosen consultation.
 */
export async function previewErasure(db: Db, scope: ConsultationScope, target: ErasureTarget): Promise<ErasurePreview | null> {
  let responses: ResponseRow[];
  let invitation: InvitationRow | undefined;
  if (target.by === "response") {
    const response = await findResponseById(db, target.id);
    if (!response || !isInScope(response, scope)) return null;
    responses = [response];
    invitation = response.invitation_id ? await findInvitationById(db, response.invitation_id) : undefined;
  } else {
    invitation = await findInvitationById(db, target.id);
    if (!invitation || !isInScope(invitation, scope)) return null;
    responses = await responsesOfInvitation(db, invitation.id);
  }
  const ids = responses.map((r) => r.id);
  const answered = await countAnswered(db, ids);
  return {
    target,
    responses: responses.map((r) => ({
      startedAt: r.created_at,
      lastSavedAt: r.updated_at,
      submittedAt: r.submitted_at,
      answered: answered.get(r.id) ?? 0,
    })),
    invitation: invitation ? { name: invitation.name, email: invitation.email, organisation: invitation.organisation } : null,
    codings: await codingsByCoder(db, ids),
  };
}

/** The target a confirmation form names, or null when the form was not ours. */
export function readTarget(form: FormData): ErasureTarget | null {
  const by = form.get("by");
  const id = form.get("id");
  if ((by !== "response" && by !== "invitation") || typeof id !== "string" || id.length === 0 || id.length > 64) return null;
  return { by, id };
}
