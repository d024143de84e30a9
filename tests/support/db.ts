import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl } from "../../db/postgres-dialect";
import { POSTGRES_BIN } from "./postgres";

/**
 * `?` placeholders (SQLite's) as psql variables, which psql quotes as literals: one SQL text for both
 * engines. A `?` inside a quoted string stays.
 */
function psqlPlaceholders(sql: string, params: unknown[]): { text: string; variables: string[] } {
  let n = 0;
  const variables: string[] = [];
  // A null goes in as the literal: a psql variable always holds text.
  const text = sql.replace(/'(?:[^']|'')*'|\?/g, (match) => {
    if (match !== "?") return match;
    const value = params[n++];
    if (value === null || value === undefined) return "null";
    variables.push(`p${n}`);
    return `:'p${n}'`;
  });
  return { text, variables };
}

/**
 * Runs SQL on a PostgreSQL database through psql, synchronously like better-sqlite3, so a test reads
 * the same on both engines. Values go in as quoted literals: PostgreSQL gives them the column's type.
 */
function psql(url: string, sql: string, params: unknown[]): string {
  const { text, variables } = psqlPlaceholders(sql, params);
  const args = ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", url];
  for (const name of variables) {
    const value = params[Number(name.slice(1)) - 1];
    args.push("-v", `${name}=${typeof value === "boolean" ? Number(value) : String(value)}`);
  }
  try {
    return execFileSync(path.join(POSTGRES_BIN, "psql"), args, {
      input: text,
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (error) {
    throw new Error(`psql failed on: ${sql}\n${(error as { stderr?: string }).stderr ?? ""}`, { cause: error });
  }
}

/**
 * Reads the app's database directly, read-only, to check what a test did through the UI. `database`
 * is the SQLite file or the PostgreSQL URL (app.databasePath on either run); `?` are the parameters.
 */
export function query<T = Record<string, unknown>>(database: string, sql: string, ...params: unknown[]): T[] {
  if (isPostgresUrl(database)) {
    const rows = psql(database, `select coalesce(json_agg(t), '[]') from (${sql.trim().replace(/;$/, "")}) t`, params);
    return JSON.parse(rows) as T[];
  }
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * Changes the app's database behind its back, as another program would (a test's setup): one statement
 * with `?` parameters, or several without.
 */
export function execute(database: string, sql: string, ...params: unknown[]): void {
  if (isPostgresUrl(database)) {
    psql(database, sql, params);
    return;
  }
  const db = new Database(database);
  try {
    if (params.length) db.prepare(sql).run(...params);
    else db.exec(sql);
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
