// Plain JavaScript: server.mjs reads this setting before it loads the build (its primary process never
// loads the app), and app/utils/env.server.ts checks it with the other settings.

/** More workers than this is a mistake, not a bigger machine. */
export const MAX_WEB_CONCURRENCY = 64;

/**
 * WEB_CONCURRENCY: how many app processes server.mjs starts with node:cluster on one port.
 * Unset or 1: a single process, as without the setting.
 * @param {string | undefined} setting
 * @returns {number}
 */
export function parseWebConcurrency(setting) {
  if (setting === undefined || setting.trim() === "") return 1;
  const count = Number(setting);
  if (!Number.isInteger(count) || count < 1 || count > MAX_WEB_CONCURRENCY) {
    throw new Error(
      `WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WEB_CONCURRENCY} (the number of app processes), not "${setting}"`,
    );
  }
  return count;
}
