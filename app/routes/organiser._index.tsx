import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { BarChart, ProgressChart } from "~/components/organiser/charts";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { dashboardData } from "~/organiser/dashboard.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await languageOf(request);
  const t = fixedT(language, "organiser");
  // Coders have no dashboard: their place is the coding screen.
  if (user.role === "coder") return json({ coder: true as const, data: null });
  const questionnaire = getQuestionnaire(new URL(request.url).searchParams.get("q") ?? defaultQuestionnaireId);
  if (!questionnaire) throw new Response(t("export.unknownQuestionnaire"), { status: 404 });
  return json({ coder: false as const, data: await dashboardData(db, questionnaire, language) });
}

export default function Dashboard() {
  const { coder, data } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organiser");
  if (coder || !data) {
    return (
      <>
        <h1>{t("dashboard.title")}</h1>
        <p>{t("dashboard.coderWelcome")}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      <dl className="facts">
        <div>
          <dt>{t("dashboard.invited")}</dt>
          <dd>{data.totals.invited}</dd>
        </div>
        <div>
          <dt>{t("dashboard.started")}</dt>
          <dd>{data.totals.started}</dd>
        </div>
        <div>
          <dt>{t("dashboard.submittedSeries")}</dt>
          <dd>{data.totals.submitted}</dd>
        </div>
      </dl>
      <ProgressChart id="progress" title={t("dashboard.progress")} days={data.progress.days} series={data.progress.series} />
      <h2>{t("dashboard.breakdowns")}</h2>
      <BarChart id="by-language" title={t("dashboard.byLanguage")} bars={data.byLanguage} unit={t("dashboard.responses")} />
      {data.breakdowns.map((b) => (
        <BarChart key={b.id} id={`b-${b.id}`} title={b.title} bars={b.bars} unit={t("dashboard.responses")} />
      ))}
      <h2>{t("dashboard.distributions")}</h2>
      {data.distributions.map((d) => (
        <BarChart key={d.id} id={`d-${d.id}`} title={d.title} bars={d.bars} unit={t("dashboard.responses")} />
      ))}
    </>
  );
}
