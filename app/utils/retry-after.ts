import type { HeadersFunction } from "@remix-run/node";

const RETRY_AFTER = "Retry-After";

/**
 * A route's `headers` export for pages refused for a while (a 429, or a 503 while the database is
 * locked): Remix keeps only cookies from action, loader and error headers in a document, so
 * Retry-After is passed on here for browsers and proxies to see.
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = [errorHeaders, actionHeaders, loaderHeaders].map((h) => h?.get(RETRY_AFTER)).find(Boolean);
  if (retryAfter) headers.set(RETRY_AFTER, retryAfter);
  return headers;
};
