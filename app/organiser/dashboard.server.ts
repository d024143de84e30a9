import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { fixedT } from "~/i18n/i18next.server";
import type { ConsultationScope } from "~/models/consultation-scope.server";
import { countsByLanguage, dailyProgress } from "~/models/dashboard.server";
import { questionCharts } from "./question-charts.server";
import { responseRates } from "./response-rates.server";

/** Cumulative series over every day from the first event to the last. */
function cumulative(maps: Record<string, Map<string, number>>) {
  const allDays = [...new Set(Object.values(maps).flatMap((m) => [...m.keys()]))].sort();
  if (!allDays.length) return { days: [] as string[], series: {} as Record<string, number[]> };
  const days: string[] = [];
  for (
    let d = new Date(`${allDays[0]}T00:00:00Z`);
    d <= new Date(`${allDays.at(-1)}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    days.push(d.toISOString().slice(0, 10));
  }
  const series: Record<string, number[]> = {};
  for (const [name, map] of Object.entries(maps)) {
    let total = 0;
    series[name] = days.map((day) => (total += map.get(day) ?? 0));
  }
  return { days, series };
}

/** Everything the dashboard shows of the consultation(s) in `scope`, labelled in the organiser's language. */
export async function dashboardData(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  scope: ConsultationScope,
  language: string,
) {
  const o = fixedT(language, "organiser");
  const [progress, languages, rates, questions] = await Promise.all([
    dailyProgress(db, scope),
    countsByLanguage(db, scope),
    responseRates(db, questionnaire, scope, language),
    questionCharts(db, questionnaire, scope, language),
  ]);
  const { days, series } = cumulative(progress);
  const languageNames = new Intl.DisplayNames([language], { type: "language" });
  const submittedByLanguage = new Map<string, number>();
  for (const row of languages)
    if (row.status === "submitted") submittedByLanguage.set(row.language, (submittedByLanguage.get(row.language) ?? 0) + row.n);
  return {
    rates,
    progress: {
      days,
      series: [
        { name: o("dashboard.invited"), values: series.invited ?? [] },
        { name: o("dashboard.started"), values: series.started ?? [] },
        { name: o("dashboard.submittedSeries"), values: series.submitted ?? [] },
      ],
    },
    byLanguage: [...submittedByLanguage].map(([l, n]) => ({
      // A language without a name of its own in the locale files takes its CLDR name.
      label: o(`common:language.names.${l}`, { defaultValue: languageNames.of(l) ?? l }),
      value: n,
    })),
    questions,
  };
}
