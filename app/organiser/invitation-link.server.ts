import { hashSecret } from "~/models/response.server";
import { keyedHash } from "~/utils/secret.server";

/** An invitation's link token: 128 bits derived from its id, so organisers can copy it again at any time. */
export function invitationToken(invitationId: string): string {
  return keyedHash("invitation-link", invitationId).subarray(0, 16).toString("base64url");
}

export const invitationTokenHash = (invitationId: string) => hashSecret(invitationToken(invitationId));

export function invitationLink(origin: string, invitationId: string): string {
  return `${origin}/i?t=${invitationToken(invitationId)}`;
}
