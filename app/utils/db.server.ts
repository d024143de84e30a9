import type { Kysely } from "kysely";
import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Database } from "../../db/schema";
import { env } from "./env.server";

declare global {
  // One handle across development rebuilds.
  var __consultaDb: Kysely<Database> | undefined;
}

async function connect(): Promise<Kysely<Database>> {
  const db = openDatabase(env.DATABASE_PATH);
  await migrateToLatest(db);
  return db;
}

export const db: Kysely<Database> = (globalThis.__consultaDb ??= await connect());
