import { db } from "~/utils/db.server";
import { readFromDatabase } from "~/models/health.server";

// For a load balancer or a monitor, not for people: plain words, no language, no login, nothing personal.
const answer = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** GET /healthz: 200 "ok" when the database can be read, 503 when it cannot. No action: a POST is a 405. */
export async function loader() {
  try {
    await readFromDatabase(db);
    return answer(200, "ok");
  } catch (error) {
    // Worth a line in the log, but not an error of a request: the monitor is told by the status.
    console.warn("Health check: the database could not be read:", error instanceof Error ? error.message : error);
    return answer(503, "database unreadable");
  }
}
