import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { loadAnswers, submitResponse } from "~/models/response.server";
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
