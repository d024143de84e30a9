import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { respondentContext } from "~/respondent/context.server";
import { formatCode, resumeCode, resumeToken } from "~/respondent/resume.server";
import { env } from "~/utils/env.server";
import { publicOrigin } from "~/utils/public-origin.server";
import type { RouteHandle } from "~/utils/route-handle";

export const handle: RouteHandle = { enhance: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** After "save and continue later": the link and the code that bring the respondent back. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { base, response, t } = await respondentContext(request, params.qid);
  if (!response) throw redirect(base);
  if (response.status === "submitted") throw redirect(`${base}/thanks`);
  const origin = publicOrigin(request);
  return json(
    {
      base,
      link: `${origin}${base}/resume?token=${resumeToken(response.id)}`,
      code: formatCode(resumeCode(response.id)),
      days: env.RESUME_DAYS,
      pageTitle: t("resume.savedTitle"),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Saved() {
  const { base, link, code, days } = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  return (
    <>
      <h1>{t("resume.savedTitle")}</h1>
      <p>{t("resume.savedBody", { days })}</p>
      <h2>{t("resume.linkHeading")}</h2>
      <p className="secret">
        <a href={link}>{link}</a>
      </p>
      <h2>{t("resume.codeHeading")}</h2>
      <p className="secret code">{code}</p>
      <p>{t("resume.codeUse")}</p>
      <p>{t("resume.keepSafe")}</p>
      <p>
        <Link to={base}>{t("resume.continueNow")}</Link>
      </p>
    </>
  );
}
