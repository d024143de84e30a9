import crypto from "node:crypto";
import { HONEYPOT_FIELD } from "~/components/honeypot";
import type { Answers } from "~/engine/conditions";
import type { Section } from "~/engine/definition";
import { clientAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import { createRateLimiter, tooManyRequests } from "~/utils/rate-limit.server";

export function honeypotTripped(formData: FormData): boolean {
  const value = formData.get(HONEYPOT_FIELD);
  return value !== "";
}

// Generous for people (a section a second would be fast), tight for scripts.
const saves = createRateLimiter(db, { name: "public-saves", limit: 120, windowMs: 60 * 1000 });

/** Throws a 429 in the respondent's language when one address saves too often (the root's error page keeps its Retry-After). */
export async function limitPublicSaves(
  context: unknown,
  t: (key: string, vars?: Record<string, unknown>) => string,
): Promise<void> {
  const verdict = await saves.hit(clientAddress(context as never));
  if (!verdict.allowed) {
    throw tooManyRequests(t("errors.tooManySaves", { count: verdict.retryAfterSeconds }), verdict);
  }
}

/**
 * What the stored answers of a section looked like when its page was opened. A save whose page
 * saw other answers than those now stored would overwrite another window's work: it is stopped.
 */
export function sectionFingerprint(section: Section, values: Answers, otherTexts: Readonly<Record<string, string>>): string {
  const state = section.questions.map((q) => [q.id, values[q.id] ?? null, otherTexts[q.id] ?? null]);
  return crypto.createHash("sha256").update(JSON.stringify(state)).digest("base64url").slice(0, 22);
}

/**
 * A name for a draft that the page's script may keep unsaved entries under (app/client/keep-unsaved.ts):
 * a digest of the response's id, which tells nothing and opens nothing.
 */
export function draftKey(responseId: string): string {
  return crypto.createHash("sha256").update(`draft:${responseId}`).digest("base64url").slice(0, 16);
}
