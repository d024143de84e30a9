import crypto from "node:crypto";
import { hashSecret } from "~/models/response.server";
import { keyedHash } from "~/utils/secret.server";

/** A citation request's link token: random, shown once in the e-mail; the database keeps its hash. */
export function newCitationToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(24).toString("base64url");
  return { token, hash: hashSecret(token) };
}

export const citationLink = (origin: string, token: string, language: string) => `${origin}/citation?t=${token}&lng=${language}`;

const leaveMac = (responseId: string) => keyedHash("directory-leave", responseId).subarray(0, 16).toString("base64url");

/** The link that takes a respondent out of the stakeholder directory: the response id and its keyed hash, nothing stored. */
export const directoryLeaveToken = (responseId: string) => `${responseId}.${leaveMac(responseId)}`;

export const directoryLeaveLink = (origin: string, responseId: string, language: string) =>
  `${origin}/directory/leave?t=${directoryLeaveToken(responseId)}&lng=${language}`;

/** The response a leave token names, when its hash is right. */
export function responseOfLeaveToken(token: string): string | null {
  const [responseId, mac, ...rest] = token.split(".");
  if (!responseId || !mac || rest.length || responseId.length > 64) return null;
  const expected = Buffer.from(leaveMac(responseId));
  const given = Buffer.from(mac);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? responseId : null;
}
