// npm run db:migrate: applies pending migrations to DATABASE_URL, or else DATABASE_PATH (default ./data/consulta.db).
import { migrateToLatest, openDatabase, scriptDatabase } from "../db/connection";

const db = openDatabase(scriptDatabase());
try {
  const { results } = await migrateToLatest(db);
  for (const r of results ?? []) console.log(`${r.status}: ${r.migrationName}`);
  if (!results?.length) console.log("The database is up to date.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
