import type { TestProject } from "vitest/node";
import { buildWhenStale } from "./build-freshness";
import { startPostgresCluster } from "./postgres";

/**
 * Vitest's global setup: integration and browser tests load `build/`, so an edit to the app made
 * since the last build is built first, whether the tests run by `npm test` or `npx vitest run FILE`.
 * On the PostgreSQL run (TEST_ENGINE=postgres) one cluster serves the whole run; it goes at the end.
 */
export default async function setup(project: TestProject): Promise<(() => void) | void> {
  buildWhenStale(process.cwd());
  if (process.env.TEST_ENGINE !== "postgres") {
    project.provide("postgresClusterUrl", undefined);
    return;
  }
  const cluster = await startPostgresCluster();
  project.provide("postgresClusterUrl", cluster.url);
  return cluster.stop;
}
