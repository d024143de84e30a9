import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** Removes the counts of windows that ended before `before`, for every limit (app/utils/rate-limit.server.ts). */
export async function deleteExpiredRateLimits(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom("rate_limits").where("expire", "<", before.getTime()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
