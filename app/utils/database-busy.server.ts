/** How long a visitor is asked to wait when another process kept the database locked. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * What every query of the app's handle throws when the database stays locked
 * (db/sqlite-dialect.ts): a Response, so that Remix answers any route with a 503 rather than a
 * 500, and the root's error boundary words it in the visitor's language. Routes that can do
 * better (keep a respondent's entries) catch it.
 */
export class DatabaseBusyResponse extends Response {
  constructor() {
    super("database busy", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) },
    });
  }
}
