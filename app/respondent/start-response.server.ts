import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { createResponse, hashSecret } from "~/models/response.server";
import { resumeCode, resumeToken } from "./resume.server";

/** Creates a draft response with its resume credentials; returns it with the link token. */
export async function startResponse(db: Kysely<Database>, questionnaire: Questionnaire, language: string) {
  const id = crypto.randomUUID();
  const token = resumeToken(id);
  const response = await createResponse(db, {
    id,
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    language,
    tokenHash: hashSecret(token),
    codeHash: hashSecret(resumeCode(id)),
  });
  return { response, token };
}
