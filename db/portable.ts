import type { Kysely } from "kysely";
import { engineOf } from "./driver";

// SQL that the two engines spell differently, for queries outside db/ (docs/decisions/026).

/** The LIKE that ignores case: SQLite's LIKE does already (for ASCII), PostgreSQL's needs ILIKE. */
export function likeAnyCase<DB>(db: Kysely<DB>): "like" | "ilike" {
  return engineOf(db) === "postgres" ? "ilike" : "like";
}
