import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { loadAnswers, submitResponse } from "~/models/response.server";
import type { RespondentContext } from "./context.server";
import { honeypotTripped } from "./guards.server";
import { isComplete, reviewOf } from "./review.server";

export type SubmitOutcome = "submitted" | "incomplete" | "locked";

/**
 * Locks a draft whose answers are complete. Both are judged inside one write transaction, so a
 * save from another window cannot slip in between the check and the lock.
 */
export async function submitDraft(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  responseId: string,
  language: string,
): Promise<SubmitOutcome> {
  return db.transaction().execute(async (trx) => {
    const stored = await loadAnswers(trx, responseId);
    if (!isComplete(reviewOf(questionnaire, stored.values, stored.otherTexts, language))) return "incomplete";
    return (await submitResponse(trx, responseId)) ? "submitted" : "locked";
  });
}

/**
 * What came of the review page's "submit": a form that is not a person's (`rejected`), no draft in
 * this browser (`unstarted`), one already submitted before the form arrived (`alreadySubmitted`), a
 * consultation not open yet or over (`closed`: the draft is kept), or what `submitDraft` found.
 */
export type ReviewOutcome = SubmitOutcome | "rejected" | "unstarted" | "alreadySubmitted" | "closed";

/** Submits this browser's draft from the review page. The route only turns the outcome into a response. */
export async function submitReview(db: Kysely<Database>, ctx: RespondentContext, formData: FormData): Promise<ReviewOutcome> {
  if (honeypotTripped(formData)) return "rejected";
  if (!ctx.response) return "unstarted";
  if (ctx.response.status === "submitted") return "alreadySubmitted";
  if (ctx.consultation.state !== "open") return "closed";
  return submitDraft(db, ctx.questionnaire, ctx.response.id, ctx.language);
}
