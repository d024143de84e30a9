import { hashSecret } from "~/models/response.server";
import { env } from "~/utils/env.server";
import { keyedHash } from "~/utils/secret.server";

/** An invitation's link token: 128 bits derived from its id, so organisers can copy it again at any time. */
export function invitationToken(invitationId: string): string {
  return keyedHash("invitation-link", invitationId).subarray(0, 16).toString("base64url");
}

export const invitationTokenHash = (invitationId: string) => hashSecret(invitationToken(invitationId));

/** Where links given to respondents point: PUBLIC_URL, or else the origin the request came to. */
export function linkOrigin(request: Request): string {
  return env.PUBLIC_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}

export function invitationLink(origin: string, invitationId: string): string {
  return `${origin}/i?t=${invitationToken(invitationId)}`;
}
