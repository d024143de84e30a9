import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { fixedT, i18nFor, languageCookie, languageOf, supportedLanguages } from "./i18n/i18next.server";
import { pageLanguages } from "./respondent/context.server";
import { SentFormContext } from "./utils/sent-form";

// server.mjs builds its request log from the build's routes (it has no other way into the app's settings).
export { createRequestLog } from "./utils/request-log.server";

/**
 * Renders whole documents to a string: respondent pages are small and are sent
 * without React in the browser, so there is nothing to stream.
 */
export default async function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext) {
  // The root loader found the page's language already (its consultation's, on /q/ pages); asked again only
  // when it did not run.
  const rootData = remixContext.staticHandlerContext.loaderData.root as { language?: string } | undefined;
  const language = rootData?.language ?? (await pageLanguages(request)).language;
  const html = renderToString(
    <I18nextProvider i18n={i18nFor(language)}>
      <SentFormContext.Provider value={request.method !== "GET" && request.method !== "HEAD"}>
        <RemixServer context={remixContext} url={request.url} />
      </SentFormContext.Provider>
    </I18nextProvider>,
  );
  headers.set("Content-Type", "text/html; charset=utf-8");
  const chosen = new URL(request.url).searchParams.get("lng");
  if (chosen && supportedLanguages.includes(chosen)) {
    // Remembering a language preference changes no data.
    headers.append("Set-Cookie", await languageCookie.serialize(chosen));
  }
  return new Response(`<!DOCTYPE html>${html}`, { status, headers });
}

/**
 * A refusal server.mjs answers before Remix (`errors.*` of common.json), in the visitor's language
 * found as for every page (?lng=, cookie, Accept-Language, among the enabled languages).
 */
export async function refusalText(request: Request, key: string): Promise<{ language: string; text: string }> {
  const language = await languageOf(request);
  return { language, text: fixedT(language)(key) };
}

/**
 * Logs server errors, without request bodies or query strings (they may carry answers or tokens).
 * A 4xx (no such page, a POST where there is no form) is the visitor's mistake, not ours: no log.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(`${request.method} ${new URL(request.url).pathname}:`, error);
}
