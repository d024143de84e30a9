import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { BarChart, Histogram, ProgressChart, StackedBarChart } from "~/components/organiser/charts";
import { languageOf } from "~/i18n/i18next.server";
import { dashboardData } from "~/organiser/dashboard.server";
import { requireConsultationChoice } from "~/organiser/current-consultation.server";
import type { RouteHandle } from "~/utils/route-handle";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;
export const handle: RouteHandle = { allConsultations: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await languageOf(request);
  // Coders have no dashboard: their place is the coding screen.
  if (user.role === "coder") return json({ coder: true as const, data: null });
  const { questionnaire, scope } = await requireConsultationChoice(db, request, { allowAll: true });
  return json({ coder: false as const, data: await dashboardData(db, questionnaire, scope, language) });
}

type Data = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["data"]>;
type Chart = Data["questions"][number];

/** Each chart kind's drawing; typed so that a new kind must say how it is drawn. */
const drawChart: { [K in Chart["kind"]]: (chart: Extract<Chart, { kind: K }>, note: string, unit: string) => ReactNode } = {
  bars: (c, note, unit) => <BarChart id={`q-${c.id}`} title={c.title} note={note} bars={c.bars} unit={unit} />,
  stacked: (c, note) => <StackedBarChart id={`q-${c.id}`} title={c.title} note={note} data={c} />,
  histogram: (c, note, unit) => <Histogram id={`q-${c.id}`} title={c.title} note={note} bins={c.bins} unit={unit} />,
};

function Fact({ term, value }: { term: string; value: string | number }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
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
  const { invited, openLink } = data.rates;
  return (
    <div className="dashboard">
      <h1>{t("dashboard.title")}</h1>
      <h2>{t("dashboard.rates")}</h2>
      <h3>{t("dashboard.invitedResponses")}</h3>
      <dl className="facts" aria-label={t("dashboard.invitedResponses")}>
        <Fact term={t("dashboard.invited")} value={invited.invited} />
        <Fact term={t("dashboard.started")} value={invited.started} />
        <Fact term={t("dashboard.submittedSeries")} value={invited.submitted} />
        <Fact term={t("dashboard.declined")} value={invited.declined} />
        <Fact term={t("dashboard.rate")} value={invited.rate} />
      </dl>
      <p className="hint">{t("dashboard.rateHint")}</p>
      {data.rates.byPlace.map((b) => (
        <StackedBarChart
          key={b.id}
          id={`rate-${b.id}`}
          title={b.title}
          data={b.chart}
          header={t(`dashboard.dimension.${b.id}`)}
        />
      ))}
      <h3>{t("dashboard.openLinkResponses")}</h3>
      <dl className="facts" aria-label={t("dashboard.openLinkResponses")}>
        <Fact term={t("dashboard.started")} value={openLink.started} />
        <Fact term={t("dashboard.submittedSeries")} value={openLink.submitted} />
      </dl>
      {data.rates.openLinkBy.map((b) => (
        <StackedBarChart key={b.id} id={`open-${b.id}`} title={b.title} data={b.chart} />
      ))}
      <h2>{t("dashboard.progressHeading")}</h2>
      <ProgressChart id="progress" title={t("dashboard.progress")} days={data.progress.days} series={data.progress.series} />
      <BarChart id="by-language" title={t("dashboard.byLanguage")} bars={data.byLanguage} unit={t("dashboard.responses")} />
      <h2>{t("dashboard.distributions")}</h2>
      {data.questions.map((c) => (
        <Fragment key={c.id}>
          {(drawChart[c.kind] as (chart: Chart, note: string, unit: string) => ReactNode)(
            c,
            t("dashboard.answeredOf", { answered: c.answered, of: c.of }),
            t("dashboard.responses"),
          )}
        </Fragment>
      ))}
    </div>
  );
}
