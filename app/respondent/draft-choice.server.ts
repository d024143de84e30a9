import type { Kysely } from "kysely";
import type { Database, ResponseRow } from "../../db/schema";
import { countAnswered, findResponseByToken } from "~/models/response.server";
import { responseTokenFor } from "~/utils/response-cookie.server";
import { formatCode, resumeCode } from "./resume.server";

/** What a person needs to tell two sets of answers apart. */
export interface AnswersFacts {
  lastSavedAt: string;
  submittedAt: string | null;
  answered: number;
}

export interface DraftChoice {
  /** The draft this browser holds, with its resume code so it can be found again. */
  held: AnswersFacts & { code: string };
  /** The response the link opens; null when it starts a new one (an unused invitation). */
  link: AnswersFacts | null;
}

/**
 * The question to ask before a resume or invitation link replaces, in this browser, a draft
 * that is not submitted: which answers to continue. Null when nothing would be replaced (no
 * draft held, or the link opens that very draft).
 */
export async function choiceBetweenDrafts(
  db: Kysely<Database>,
  request: Request,
  consultationId: string,
  linked: ResponseRow | null,
): Promise<DraftChoice | null> {
  const token = await responseTokenFor(request, consultationId);
  const held = token ? await findResponseByToken(db, consultationId, token) : undefined;
  if (!held || held.status !== "draft" || held.id === linked?.id) return null;
  const answered = await countAnswered(db, linked ? [held.id, linked.id] : [held.id]);
  const facts = (r: ResponseRow): AnswersFacts => ({
    lastSavedAt: r.updated_at,
    submittedAt: r.submitted_at,
    answered: answered.get(r.id) ?? 0,
  });
  return { held: { ...facts(held), code: formatCode(resumeCode(held.id)) }, link: linked ? facts(linked) : null };
}
