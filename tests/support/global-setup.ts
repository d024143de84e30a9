import { buildWhenStale } from "./build-freshness";

/**
 * Vitest's global setup: integration and browser tests load `build/`, so an edit to the app made
 * since the last build is built first, whether the tests run by `npm test` or `npx vitest run FILE`.
 */
export default function setup(): void {
  buildWhenStale(process.cwd());
}
