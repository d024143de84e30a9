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

/**
 * Whether a consultation takes answers now: `early` before its opening day, `over` after its closing day,
 * `closed` once an organiser closed it (whatever the days say).
 */
export type ConsultationState = "open" | "early" | "over" | "closed";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as typed in a date field, or null when it is not one. */
export function parseDay(value: string): string | null {
  if (!DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

/** Compares days as UTC calendar days: the closing day is open until its end. */
export function consultationState(dates: ConsultationDates & { closedAt?: string | null }, now = new Date()): ConsultationState {
  if (dates.closedAt) return "closed";
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

/** What an organiser sets when creating a consultation. */
export interface NewConsultation {
  id: string;
  questionnaireId: string;
  questionnaireVersion: number;
  name: string;
  region: string | null;
  languages: string[];
  opensOn: string | null;
  closesOn: string | null;
}

/** Creates a consultation; false when its id is taken (nothing is written then). */
export async function createConsultation(db: Db, input: NewConsultation, userId: string | null): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db
    .insertInto("consultations")
    .values({
      id: input.id,
      questionnaire_id: input.questionnaireId,
      questionnaire_version: input.questionnaireVersion,
      name: input.name,
      region: input.region,
      languages: JSON.stringify(input.languages),
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      created_at: now,
      created_by: userId,
      updated_at: now,
      updated_by: userId,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** What an organiser may change later; the version only while nothing was answered in it. */
export type ConsultationChanges = Partial<
  Pick<Consultation, "name" | "region" | "languages" | "opensOn" | "closesOn" | "questionnaireVersion" | "closedAt">
>;

export async function updateConsultation(db: Db, id: string, changes: ConsultationChanges, userId: string | null) {
  const columns = {
    name: changes.name,
    region: changes.region,
    languages: changes.languages === undefined ? undefined : changes.languages && JSON.stringify(changes.languages),
    opens_on: changes.opensOn,
    closes_on: changes.closesOn,
    questionnaire_version: changes.questionnaireVersion,
    closed_at: changes.closedAt,
  };
  const set = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
  await db
    .updateTable("consultations")
    .set({ ...set, updated_at: new Date().toISOString(), updated_by: userId })
    .where("id", "=", id)
    .execute();
}

/** Whether any response (draft or submitted) belongs to the consultation: its version is fixed then. */
export async function consultationHasResponses(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom("responses").select("id").where("consultation_id", "=", id).limit(1).executeTakeFirst();
  return Boolean(row);
}
