import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Which rows an organiser page reads: those of one questionnaire, and of one of its consultations
 * unless `consultationId` is null (all of them).
 */
export interface ConsultationScope {
  questionnaireId: string;
  consultationId: string | null;
}

type Owned = "responses" | "invitations";

/**
 * The consultation a response or invitation belongs to. Rows older than consultations (or saved by
 * code that does not set it yet) have none: they belong to the consultation named by their questionnaire.
 */
export const consultationOfRow = <TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>, table: Owned) =>
  eb.fn.coalesce(sql.ref<string | null>(`${table}.consultation_id`), sql.ref<string>(`${table}.questionnaire_id`));

/** The same in code, for a row already read. */
export const consultationIdOf = (row: { consultation_id: string | null; questionnaire_id: string }) =>
  row.consultation_id ?? row.questionnaire_id;

/** Whether a row already read lies within the scope (as `inScope` keeps it in a query). */
export const isInScope = (row: { consultation_id: string | null; questionnaire_id: string }, scope: ConsultationScope) =>
  row.questionnaire_id === scope.questionnaireId &&
  (scope.consultationId === null || consultationIdOf(row) === scope.consultationId);

/** A `where` keeping the rows of `table` within the scope. */
export function inScope(table: Owned, scope: ConsultationScope) {
  return <TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>) => {
    const ofQuestionnaire = eb(sql.ref<string>(`${table}.questionnaire_id`), "=", scope.questionnaireId);
    return scope.consultationId === null
      ? ofQuestionnaire
      : eb.and([ofQuestionnaire, eb(consultationOfRow(eb, table), "=", scope.consultationId)]);
  };
}
