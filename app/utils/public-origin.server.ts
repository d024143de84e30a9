import { env } from "./env.server";

/**
 * The origin of links shown to people: PUBLIC_URL, required in a deployment so that a forged Host
 * header can never put another site into an invitation; on a local start, the request's own.
 */
export function publicOrigin(request: Request): string {
  return env.PUBLIC_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}
