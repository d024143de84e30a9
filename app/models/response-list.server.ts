import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Database } from "../../db/schema";
import type { ResponseFilters } from "~/organiser/filters";
import { consultationOfRow, inScope } from "./consultation-scope.server";

type Db = Kysely<Database>;

/** Adds the filters to any query that selects from responses. */
export function applyFilters<O>(query: SelectQueryBuilder<Database, "responses", O>, filters: ResponseFilters) {
  let q = query.where(
    inScope("responses", { questionnaireId: filters.questionnaireId, consultationId: filters.consultationId ?? null }),
  );
  if (filters.statuses.length) q = q.where("responses.status", "in", filters.statuses);
  if (filters.languages.length) q = q.where("responses.language", "in", filters.languages);
  if (filters.from) q = q.where("responses.created_at", ">=", `${filters.from}T00:00:00.000Z`);
  if (filters.to) q = q.where("responses.created_at", "<=", `${filters.to}T23:59:59.999Z`);
  for (const [variable, codes] of Object.entries(filters.codes)) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("answer_codes")
          .select("answer_codes.response_id")
          .whereRef("answer_codes.response_id", "=", "responses.id")
          .where("answer_codes.variable", "=", variable)
          .where("answer_codes.code", "in", codes),
      ),
    );
  }
  return q;
}

export async function countResponses(db: Db, filters: ResponseFilters): Promise<number> {
  const row = await applyFilters(
    db.selectFrom("responses").select((eb) => eb.fn.countAll<number>().as("n")),
    filters,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of responses, newest activity first. */
export async function listResponses(db: Db, filters: ResponseFilters, page: { limit: number; offset: number }) {
  return applyFilters(
    db
      .selectFrom("responses")
      .select([
        "id",
        "status",
        "language",
        "created_at",
        "updated_at",
        "submitted_at",
        "invitation_id",
        (eb) => consultationOfRow(eb, "responses").as("consultation_id"),
      ]),
    filters,
  )
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The codes of some variables for some responses: response -> variable -> codes. */
export async function codesOf(db: Db, responseIds: string[], variables: string[]) {
  const result = new Map<string, Record<string, string[]>>();
  if (!responseIds.length || !variables.length) return result;
  const rows = await db
    .selectFrom("answer_codes")
    .select(["response_id", "variable", "code"])
    .where("response_id", "in", responseIds)
    .where("variable", "in", variables)
    .execute();
  for (const row of rows) {
    const byVariable = result.get(row.response_id) ?? {};
    (byVariable[row.variable] ??= []).push(row.code);
    result.set(row.response_id, byVariable);
  }
  return result;
}
