import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Takes a job's lease until `until` if no process holds it at `now`, in one statement (an insert, or
 * an update of a lease that has run out), so of several processes asking at once exactly one gets it.
 * Says whether this holder got it.
 */
export async function takeJobLease(
  db: Kysely<Database>,
  { name, holder, now, until }: { name: string; holder: string; now: Date; until: Date },
): Promise<boolean> {
  const heldUntil = until.toISOString();
  const taken = await db
    .insertInto("job_leases")
    .values({ name, holder, held_until: heldUntil })
    .onConflict((conflict) =>
      conflict
        .column("name")
        .doUpdateSet({ holder, held_until: heldUntil })
        .where("job_leases.held_until", "<=", now.toISOString()),
    )
    .returning("name")
    .executeTakeFirst();
  return taken !== undefined;
}
