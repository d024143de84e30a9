import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { inScope, type ConsultationScope } from "./consultation-scope.server";

type Db = Kysely<Database>;

const day = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

/** How many were invited, started and submitted on each day. */
export async function dailyProgress(db: Db, scope: ConsultationScope) {
  const [invited, started, submitted] = await Promise.all([
    db
      .selectFrom("invitations")
      .select([day("created_at").as("day"), (eb) => eb.fn.countAll<number>().as("n")])
      .where(inScope("invitations", scope))
      .groupBy(day("created_at"))
      .execute(),
    db
      .selectFrom("responses")
      .select([day("created_at").as("day"), (eb) => eb.fn.countAll<number>().as("n")])
      .where(inScope("responses", scope))
      .groupBy(day("created_at"))
      .execute(),
    db
      .selectFrom("responses")
      .select([day("submitted_at").as("day"), (eb) => eb.fn.countAll<number>().as("n")])
      .where(inScope("responses", scope))
      .where("submitted_at", "is not", null)
      .groupBy(day("submitted_at"))
      .execute(),
  ]);
  const toMap = (rows: Array<{ day: string; n: number }>) => new Map(rows.map((r) => [r.day, Number(r.n)]));
  return { invited: toMap(invited), started: toMap(started), submitted: toMap(submitted) };
}

export async function countsByLanguage(db: Db, scope: ConsultationScope) {
  const rows = await db
    .selectFrom("responses")
    .select(["language", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where(inScope("responses", scope))
    .groupBy(["language", "status"])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Each invitation with where it goes (country, region, sector), whether it was declined, and its responses' statuses. */
export async function invitationOutcomes(db: Db, scope: ConsultationScope) {
  return db
    .selectFrom("invitations")
    .leftJoin("responses", "responses.invitation_id", "invitations.id")
    .select([
      "invitations.id",
      "invitations.country",
      "invitations.region",
      "invitations.sector",
      "invitations.declined_at",
      "responses.status",
    ])
    .where(inScope("invitations", scope))
    .execute();
}

/** Responses by where they came from (an invitation or the open link) and status. */
export async function responsesBySource(db: Db, scope: ConsultationScope) {
  const rows = await db
    .selectFrom("responses")
    .select([sql<number>`invitation_id is null`.as("open_link"), "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where(inScope("responses", scope))
    .groupBy([sql`invitation_id is null`, "status"])
    .execute();
  return rows.map((r) => ({ openLink: Number(r.open_link) === 1, status: r.status, n: Number(r.n) }));
}

/** Among open-link responses: how many, by status, gave each code of each variable. */
export async function openLinkCodeCounts(db: Db, scope: ConsultationScope, variables: string[]) {
  if (!variables.length) return [];
  const rows = await db
    .selectFrom("answer_codes")
    .innerJoin("responses", "responses.id", "answer_codes.response_id")
    .select([
      "answer_codes.variable",
      "answer_codes.code",
      "responses.status",
      (eb) => eb.fn.count<number>("responses.id").distinct().as("n"),
    ])
    .where(inScope("responses", scope))
    .where("responses.invitation_id", "is", null)
    .where("answer_codes.variable", "in", variables)
    .groupBy(["answer_codes.variable", "answer_codes.code", "responses.status"])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
