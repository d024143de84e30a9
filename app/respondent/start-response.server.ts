import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, InvitationRow } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { findInvitationByToken, responseOfInvitation } from "~/models/invitation.server";
import { createResponse, hashSecret } from "~/models/response.server";
import { resumeCode, resumeToken } from "./resume.server";

/** The consultation an invitation leads to: its own, or (made before consultations were records) its questionnaire's. */
export const consultationOfInvitation = (invitation: Pick<InvitationRow, "consultation_id" | "questionnaire_id">) =>
  invitation.consultation_id ?? invitation.questionnaire_id;

/** Creates a draft response of a consultation, in the version it asks, with its resume credentials; returns it with the link token. */
export async function startResponse(
  db: Kysely<Database>,
  consultationId: string,
  questionnaire: Questionnaire,
  language: string,
  invitationId: string | null = null,
) {
  const id = crypto.randomUUID();
  const token = resumeToken(id);
  const response = await createResponse(db, {
    id,
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    consultationId,
    language,
    tokenHash: hashSecret(token),
    codeHash: hashSecret(resumeCode(id)),
    invitationId,
  });
  return { response, token };
}

/**
 * The response this browser should save into when it has none yet: the invitation's (when it
 * came through an invitation link that already has one), or a new one tied to the invitation.
 */
export async function responseForFirstSave(
  db: Kysely<Database>,
  consultationId: string,
  questionnaire: Questionnaire,
  language: string,
  invitationToken: string | null,
) {
  const invitation = invitationToken ? await findInvitationByToken(db, invitationToken) : undefined;
  if (invitation && consultationOfInvitation(invitation) === consultationId) {
    const existing = await responseOfInvitation(db, invitation.id);
    if (existing && existing.status === "draft") return { response: existing, token: resumeToken(existing.id) };
    if (!existing) return startResponse(db, consultationId, questionnaire, language, invitation.id);
  }
  return startResponse(db, consultationId, questionnaire, language);
}
