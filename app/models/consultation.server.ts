import type { Kysely } from "kysely";
import type { Selectable } from "kysely";
import type { ConsultationsTable, Database } from "../../db/schema";

type Db = Kysely<Database>;

/** A questionnaire's opening and closing days (YYYY-MM-DD, UTC); null where none is set. */
export interface ConsultationDates {
  opensOn: string | null;
  closesOn: string | null;
}

/** A consultation (one REGM round) as the app reads it: what it asks, of whom, in which languages, and when. */
export interface Consultation extends ConsultationDates {
  id: string;
  questionnaireId: string;
  questionnaireVersion: number;
  name: string;
  /** An M49 area code; null: countries anywhere. */
  region: string | null;
  /** The languages it offers; null: every language the app serves. */
  languages: string[] | null;
  closedAt: string | null;
}

type ConsultationRow = Selectable<ConsultationsTable>;

function fromRow(row: ConsultationRow): Consultation {
  return {
    id: row.id,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    name: row.name,
    region: row.region,
    languages: row.languages === null ? null : (JSON.parse(row.languages) as string[]),
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    closedAt: row.closed_at,
  };
}

export async function findConsultation(db: Db, id: string): Promise<Consultation | undefined> {
  const row = await db.selectFrom("consultations").selectAll().where("id", "=", id).executeTakeFirst();
  return row && fromRow(row);
}

/** Every consultation, oldest first; of one questionnaire when given. */
export async function listConsultations(db: Db, questionnaireId?: string): Promise<Consultation[]> {
  let query = db.selectFrom("consultations").selectAll();
  if (questionnaireId) query = query.where("questionnaire_id", "=", questionnaireId);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  return rows.map(fromRow);
}

/**
 * Gives each served questionnaire without a consultation one of its own, named and linked by the
 * questionnaire's id (/q/<id>) and asking its latest version: a fresh deployment answers at once.
 */
export async function ensureConsultations(db: Db, questionnaires: ReadonlyArray<{ id: string; version: number }>) {
  const now = new Date().toISOString();
  for (const questionnaire of questionnaires) {
    const existing = await db
      .selectFrom("consultations")
      .select("id")
      .where("questionnaire_id", "=", questionnaire.id)
      .executeTakeFirst();
    if (existing) continue;
    await db
      .insertInto("consultations")
      .values({
        id: questionnaire.id,
        questionnaire_id: questionnaire.id,
        questionnaire_version: questionnaire.version,
        name: questionnaire.id,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
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
