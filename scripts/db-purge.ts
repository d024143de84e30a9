// npm run db:purge: deletes drafts untouched for DRAFT_RETENTION_DAYS (default 180). The app also does it daily.
import { migrateToLatest, openDatabase, scriptDatabase } from "../db/connection";
import { truncateWriteAheadLog } from "../db/maintenance";
import { logAudit } from "../app/models/audit.server";
import { purgeStaleDrafts } from "../app/models/erasure.server";

const days = Number(process.env.DRAFT_RETENTION_DAYS ?? 180);
if (!Number.isInteger(days) || days < 1) {
  console.error("DRAFT_RETENTION_DAYS must be a whole number of days, 1 or more.");
  process.exit(2);
}
const db = openDatabase(scriptDatabase());
try {
  await migrateToLatest(db);
  const purged = await purgeStaleDrafts(db, new Date(Date.now() - days * 86_400_000).toISOString());
  if (purged > 0) await logAudit(db, { action: "drafts.purge", details: { purged, retentionDays: days, by: "command line" } });
  console.log(`Deleted ${purged} drafts untouched for more than ${days} days.`);
  // As after an erasure: the deleted rows are zeroed in the file; their older copies leave the log here.
  if (purged > 0 && !(await truncateWriteAheadLog(db))) {
    console.log("Older copies remain in the write-ahead log while another program reads the database: run this again later.");
  }
} finally {
  await db.destroy();
}
