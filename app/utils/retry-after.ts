import type { HeadersFunction } from "@remix-run/node";

/**
 * Remix keeps only cookies from a loader's or action's headers unless a route passes them on:
 * this passes Retry-After (a 429 or a 503) on to the document, so browsers and proxies see it.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
