// Which engine a test run uses: SQLite files (the default) or PostgreSQL (TEST_ENGINE=postgres, npm run
// test:postgres), where global-setup.ts starts one cluster per run and each test file gets a database.
import { inject } from "vitest";
import { createDatabase, startPostgresCluster, type PostgresCluster } from "./postgres";
import { tempDir } from "./test-env";
import path from "node:path";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's PostgreSQL cluster, when TEST_ENGINE=postgres. */
    postgresClusterUrl: string | undefined;
  }
}

export type TestEngine = "sqlite" | "postgres";

export const TEST_ENGINE: TestEngine = process.env.TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
export const onPostgres = TEST_ENGINE === "postgres";

/** For `describe.skipIf(onPostgres)`-style guards: why a test is SQLite's only, in the report. */
export const SQLITE_ONLY = "SQLite only (file locks, WAL, file backup): skipped on the PostgreSQL run";

/**
 * A fresh, empty database for one app or server of a test file, in what openDatabase reads
 * (db/connection.ts): a file in a new temporary folder, or a postgres:// URL of a new database.
 */
export async function freshDatabase(): Promise<string> {
  if (!onPostgres) return path.join(tempDir(), "consulta.db");
  const cluster = inject("postgresClusterUrl");
  if (!cluster)
    throw new Error("TEST_ENGINE=postgres but no cluster was started: run through vitest (tests/support/global-setup.ts)");
  return createDatabase(cluster);
}

/** The environment that points the app at `database`. */
export const databaseEnv = (database: string): Record<string, string> =>
  onPostgres ? { DATABASE_URL: database } : { DATABASE_PATH: database };

/**
 * A PostgreSQL cluster for a test file that needs one whatever the run's engine (the migrations on
 * both engines): the run's when TEST_ENGINE=postgres, else its own, started on first use and stopped
 * after the file.
 */
export function postgresClusterForFile(before: (hook: () => void) => void, after: (hook: () => void) => void) {
  let own: PostgresCluster | undefined;
  let url: string | undefined;
  before(() => {
    url = inject("postgresClusterUrl");
  });
  after(() => own?.stop());
  return async () => {
    if (!url) {
      own = await startPostgresCluster();
      url = own.url;
    }
    const cluster = url;
    return { freshDatabase: () => createDatabase(cluster) };
  };
}
