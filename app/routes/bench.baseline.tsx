import type { LoaderFunctionArgs } from "@remix-run/node";
import stylesUrl from "~/styles/app.css";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { clientScriptUrl } from "~/utils/client-script.server";

/**
 * The baseline of `npm run bench` (scripts/bench.ts): the cheapest route of this build.
 * - /bench/baseline: a tiny plain-text answer, what Remix costs with no work at all;
 * - /bench/baseline?page: a bare page that loads the same stylesheet and respondent script
 *   as the respondent pages, to weigh them against.
 * It answers 404 unless the server was started with BENCH=1, so no deployment serves it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (process.env.BENCH !== "1") {
    const t = fixedT(await languageOf(request));
    throw new Response(t("errors.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (!new URL(request.url).searchParams.has("page")) {
    return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Baseline</title><link rel="stylesheet" href="${stylesUrl}"><link rel="icon" href="data:,"></head>` +
    `<body><main id="main"><h1>Baseline</h1></main><script src="${clientScriptUrl}" defer></script></body></html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
