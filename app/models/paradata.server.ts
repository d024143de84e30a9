import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** When each stored answer of these responses was last saved, and in which state. */
export function answerSaveTimes(db: Kysely<Database>, responseIds: string[]) {
  return db
    .selectFrom("answers")
    .select(["response_id", "variable", "state", "updated_at"])
    .where("response_id", "in", responseIds)
    .execute();
}

/** The language switches of these responses, oldest first. */
export function languageSwitches(db: Kysely<Database>, responseIds: string[]) {
  return db
    .selectFrom("language_switches")
    .select(["response_id", "switched_at", "from_language", "to_language"])
    .where("response_id", "in", responseIds)
    .orderBy("switched_at")
    .execute();
}
