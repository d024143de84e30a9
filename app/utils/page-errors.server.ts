import type { AppLoadContext } from "@remix-run/node";

/**
 * Requests whose action answered with errors. Remix runs a document POST's action and then the
 * page's loaders with the same load context, and only the loader feeds the page's title: the
 * action marks the request here so that the title can start with "Error:".
 */
const answeredWithErrors = new WeakSet<object>();

export function markPageErrors(context: AppLoadContext): void {
  answeredWithErrors.add(context);
}

export function pageHasErrors(context: AppLoadContext): boolean {
  return answeredWithErrors.has(context);
}
