import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, useMatches, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useContext, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "~/components/language-switcher";
import { fixedT } from "~/i18n/i18next.server";
import { pageLanguages } from "~/respondent/context.server";
import { clientScriptUrl, organiserScriptUrl } from "~/utils/client-script.server";
import { SentFormContext } from "~/utils/sent-form";
import { keepRetryAfter } from "~/utils/retry-after";
import type { RouteHandle } from "~/utils/route-handle";
import stylesUrl from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  // No icon file: saves every respondent a request.
  { rel: "icon", href: "data:," },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { language, languages } = await pageLanguages(request);
  const t = fixedT(language);
  return json({
    language,
    languages,
    enhanceScript: clientScriptUrl,
    organiserScript: organiserScriptUrl,
    errorTitles: { notFound: t("errors.notFoundTitle"), other: t("errors.errorTitle") },
  });
}

// A page refused for a while (too many saves, a locked database) says when to try again.
export const headers = keepRetryAfter;

/** Pages that fail get a title too: the root's boundary shows them. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [];
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return [{ title: (notFound ? data?.errorTitles.notFound : data?.errorTitles.other) ?? "" }];
};

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, i18n } = useTranslation("common");
  const language = data?.language ?? i18n.language;
  const matches = useMatches();
  const handles = matches.map((m) => (m.handle ?? {}) as RouteHandle);
  const languageMatch = matches.find((m) => (m.handle as RouteHandle | undefined)?.languageForm);
  const languageForm = (languageMatch?.handle as RouteHandle | undefined)?.languageForm?.(languageMatch!.params);
  return (
    <html lang={language} dir={i18n.dir(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip" href="#main">
          {t("app.skipToContent")}
        </a>
        <header className="site">
          <span className="brand">{t("app.name")}</span>
          <LanguageSwitcher languages={data?.languages ?? [language]} formId={languageForm} />
        </header>
        <main id="main">{children}</main>
        {data && handles.some((h) => h.enhance) ? <script src={data.enhanceScript} defer /> : null}
        {data && handles.some((h) => h.organiserScript) ? <script src={data.organiserScript} defer /> : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("common");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : null;
  // Only what is true: after a form was sent, that form may not have been saved; a page that failed to show lost nothing.
  const sentForm = useContext(SentFormContext);
  if (status === 404) return <h1>{t("errors.notFound")}</h1>;
  if (status === 503) return <h1>{t("errors.busy")}</h1>;
  if (message) return <h1>{message}</h1>;
  return (
    <>
      <h1>{t("errors.errorTitle")}</h1>
      <p>{t(sentForm ? "errors.genericAfterSend" : "errors.generic")}</p>
    </>
  );
}
