import Database from "better-sqlite3";

/** Reads the app's database directly, read-only, to check what a test did through the UI. */
export function query<T = Record<string, unknown>>(databasePath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The answers of the newest response: variable -> { state, value (parsed), other }. */
export function latestAnswers(databasePath: string) {
  const rows = query<{ variable: string; state: string; value: string | null; other_text: string | null }>(
    databasePath,
    `select variable, state, value, other_text from answers
     where response_id = (select id from responses order by created_at desc limit 1)`,
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.variable,
      { state: r.state, value: r.value === null ? null : (JSON.parse(r.value) as unknown), other: r.other_text },
    ]),
  );
}

/** A migrated database in memory holding one draft response "r1" of `questionnaireId`, for model and use-case tests. */
export async function memoryDatabaseWithDraft(questionnaireId: string) {
  const { migrateToLatest, openDatabase } = await import("../../db/connection");
  const { createResponse } = await import("../../app/models/response.server");
  const db = openDatabase(":memory:");
  await migrateToLatest(db);
  await createResponse(db, { id: "r1", questionnaireId, questionnaireVersion: 1, language: "en", tokenHash: "t", codeHash: "c" });
  return db;
}
