import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { truncateWriteAheadLog } from "../../db/maintenance";
import { DatabaseBusyResponse } from "./database-busy.server";

/** The pauses before each further try: a backup or an export that holds a read is done within the hour. */
const RETRY_PAUSES_MS = [1_000, 5_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000];
let retrying = false;

async function tryOnce(db: Kysely<Database>): Promise<boolean> {
  try {
    return await truncateWriteAheadLog(db);
  } catch (error) {
    if (error instanceof DatabaseBusyResponse) return false;
    throw error;
  }
}

function retryLater(db: Kysely<Database>, attempt = 0) {
  const pause = RETRY_PAUSES_MS[attempt];
  if (pause === undefined) {
    retrying = false;
    console.error(
      "Erased data are still in the database's write-ahead log: another program has kept reading the database for hours.",
    );
    return;
  }
  setTimeout(() => {
    tryOnce(db).then(
      (done) => (done ? (retrying = false) : retryLater(db, attempt + 1)),
      (error) => {
        retrying = false;
        console.error("Clearing erased data from the write-ahead log failed:", error);
      },
    );
  }, pause).unref();
}

/**
 * After an erasure: removes the copies of deleted rows that the write-ahead log still holds.
 * Returns whether they are gone now; when another program's read keeps them, keeps trying in
 * the background.
 */
export async function clearErasedCopies(db: Kysely<Database>): Promise<boolean> {
  if (await tryOnce(db)) return true;
  if (!retrying) {
    retrying = true;
    retryLater(db);
  }
  return false;
}
