import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;

const day = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

/** How many were invited, started and submitted on each day. */
export async function dailyProgress(db: Db, questionnaireId: string) {
  const [invited, started, submitted] = await Promise.all([
    db
      .selectFrom("invitations")
      .select([day("created_at").as("day"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("questionnaire_id", "=", questionnaireId)
      .groupBy(day("created_at"))
      .execute(),
    db
      .selectFrom("responses")
      .select([day("created_at").as("day"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("questionnaire_id", "=", questionnaireId)
      .groupBy(day("created_at"))
      .execute(),
    db
      .selectFrom("responses")
      .select([day("submitted_at").as("day"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("questionnaire_id", "=", questionnaireId)
      .where("submitted_at", "is not", null)
      .groupBy(day("submitted_at"))
      .execute(),
  ]);
  const toMap = (rows: Array<{ day: string; n: number }>) => new Map(rows.map((r) => [r.day, Number(r.n)]));
  return { invited: toMap(invited), started: toMap(started), submitted: toMap(submitted) };
}

export async function countsByLanguage(db: Db, questionnaireId: string) {
  const rows = await db
    .selectFrom("responses")
    .select(["language", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("questionnaire_id", "=", questionnaireId)
    .groupBy(["language", "status"])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Among submitted responses: how often each code of each variable was given. */
export async function codeCounts(db: Db, questionnaireId: string, variables: string[]) {
  if (!variables.length) return [];
  const rows = await db
    .selectFrom("answer_codes")
    .innerJoin("responses", "responses.id", "answer_codes.response_id")
    .select(["answer_codes.variable", "answer_codes.code", (eb) => eb.fn.countAll<number>().as("n")])
    .where("responses.questionnaire_id", "=", questionnaireId)
    .where("responses.status", "=", "submitted")
    .where("answer_codes.variable", "in", variables)
    .groupBy(["answer_codes.variable", "answer_codes.code"])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
