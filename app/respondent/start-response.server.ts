import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { findInvitationByToken, responseOfInvitation } from "~/models/invitation.server";
import { createResponse, hashSecret } from "~/models/response.server";
import { resumeCode, resumeToken } from "./resume.server";

/** Creates a draft response with its resume credentials; returns it with the link token. */
export async function startResponse(
  db: Kysely<Database>,
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
  questionnaire: Questionnaire,
  language: string,
  invitationToken: string | null,
) {
  const invitation = invitationToken ? await findInvitationByToken(db, invitationToken) : undefined;
  if (invitation && invitation.questionnaire_id === questionnaire.id) {
    const existing = await responseOfInvitation(db, invitation.id);
    if (existing && existing.status === "draft") return { response: existing, token: resumeToken(existing.id) };
    if (!existing) return startResponse(db, questionnaire, language, invitation.id);
  }
  return startResponse(db, questionnaire, language);
}
