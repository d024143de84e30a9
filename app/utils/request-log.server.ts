import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import pino, { type DestinationStream } from "pino";
import { env } from "./env.server";

export interface RequestRecord {
  method: string;
  /** The path without its query; only used to find the route, never logged. */
  path: string;
  status: number;
  ms: number;
}

type RouteObject = Parameters<typeof matchRoutes>[0][number];

/** The build's flat route manifest as the nested tree the router matches against. */
function routeTree(routes: ServerBuild["routes"], parentId?: string): RouteObject[] {
  return Object.values(routes)
    .filter((route) => route.parentId === parentId)
    .map(({ id, path, index, caseSensitive }) =>
      index ? { id, path, index: true, caseSensitive } : { id, path, caseSensitive, children: routeTree(routes, id) },
    );
}

/**
 * The request log for server.mjs: one JSON line per request with its method, Remix route id, status
 * and duration. The route id (`routes/q.$qid.s.$sectionId`) stands for the path, so what a path or its
 * query may carry (tokens, ids, an e-mail typed into the address bar) never reaches the log; a path
 * no route matches is logged as `route: null`. Nor do bodies, cookies or answers.
 */
export function createRequestLog(routes: ServerBuild["routes"], destination?: DestinationStream) {
  const tree = routeTree(routes);
  const logger = pino({ level: env.LOG_LEVEL }, destination);
  return ({ method, path, status, ms }: RequestRecord) => {
    const route = matchRoutes(tree, path)?.at(-1)?.route.id ?? null;
    logger.info({ method, route, status, ms: Math.round(ms * 10) / 10 }, "request");
  };
}
