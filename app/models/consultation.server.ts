import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;

/** A questionnaire's opening and closing days (YYYY-MM-DD, UTC); null where none is set. */
export interface ConsultationDates {
  opensOn: string | null;
  closesOn: string | null;
}

/** Whether a consultation takes answers now: `early` before its opening day, `over` after its closing day. */
export type ConsultationState = "open" | "early" | "over";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as typed in a date field, or null when it is not one. */
export function parseDay(value: string): string | null {
  if (!DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

/** Compares days as UTC calendar days: the closing day is open until its end. */
export function consultationState(dates: ConsultationDates, now = new Date()): ConsultationState {
  const today = now.toISOString().slice(0, 10);
  if (dates.opensOn && today < dates.opensOn) return "early";
  if (dates.closesOn && today > dates.closesOn) return "over";
  return "open";
}

/** The opening and closing days of one questionnaire: what the respondent pages and the invitations show. */
export async function consultationDates(db: Db, questionnaireId: string): Promise<ConsultationDates> {
  const row = await db
    .selectFrom("consultations")
    .select(["opens_on", "closes_on"])
    .where("id", "=", questionnaireId)
    .executeTakeFirst();
  return { opensOn: row?.opens_on ?? null, closesOn: row?.closes_on ?? null };
}

/** Sets (or extends, or clears) the days of a questionnaire's consultation, creating it with the questionnaire's version. */
export async function setConsultationDates(
  db: Db,
  questionnaire: { id: string; version: number },
  dates: ConsultationDates,
  userId: string | null,
) {
  const now = new Date().toISOString();
  const values = { opens_on: dates.opensOn, closes_on: dates.closesOn, updated_at: now, updated_by: userId };
  await db
    .insertInto("consultations")
    .values({
      id: questionnaire.id,
      questionnaire_id: questionnaire.id,
      questionnaire_version: questionnaire.version,
      name: questionnaire.id,
      created_at: now,
      created_by: userId,
      ...values,
    })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
}
