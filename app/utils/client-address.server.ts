import type { AppLoadContext } from "@remix-run/node";

/** The client's address as the HTTP server saw it (server.mjs passes it in the load context). */
export function clientAddress(context: AppLoadContext | undefined): string {
  const address = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof address === "string" && address ? address : "unknown";
}
