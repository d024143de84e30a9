import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { countryName } from "~/engine/countries";
import type { Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";
import { codeCounts, countsByLanguage, dailyProgress } from "~/models/dashboard.server";

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

/** Everything the dashboard shows, labelled in the organiser's language. */
export async function dashboardData(db: Kysely<Database>, questionnaire: Questionnaire, language: string) {
  const t = fixedT(language, questionnaire.id);
  const o = fixedT(language, "organiser");
  const questions = questionnaire.sections.flatMap((s) => s.questions);
  const choice = questions.filter((q) => q.type === "single" || q.type === "multiple" || q.type === "country");
  const [progress, languages, codes] = await Promise.all([
    dailyProgress(db, questionnaire.id),
    countsByLanguage(db, questionnaire.id),
    codeCounts(
      db,
      questionnaire.id,
      choice.map((q) => q.id),
    ),
  ]);
  const { days, series } = cumulative(progress);
  const labelOf = (q: (typeof choice)[number], code: string) =>
    q.type === "country" ? countryName(code, language) : "list" in q ? t(wordingKey.option(q.list, Number(code))) : code;
  const distribution = (q: (typeof choice)[number]) => {
    const counts = codes.filter((c) => c.variable === q.id);
    const order = "list" in q ? questionnaire.lists[q.list]!.map((x) => String(x.code)) : [];
    return counts
      .map((c) => ({ code: c.code, label: labelOf(q, c.code), value: c.n }))
      .sort((a, b) => (order.length ? order.indexOf(a.code) - order.indexOf(b.code) : b.value - a.value));
  };
  const filters = new Set(questionnaire.organiserFilters ?? []);
  const submittedByLanguage = new Map<string, number>();
  for (const row of languages)
    if (row.status === "submitted") submittedByLanguage.set(row.language, (submittedByLanguage.get(row.language) ?? 0) + row.n);
  return {
    totals: {
      invited: series.invited?.at(-1) ?? 0,
      started: series.started?.at(-1) ?? 0,
      submitted: series.submitted?.at(-1) ?? 0,
    },
    progress: {
      days,
      series: [
        { name: o("dashboard.invited"), values: series.invited ?? [] },
        { name: o("dashboard.started"), values: series.started ?? [] },
        { name: o("dashboard.submittedSeries"), values: series.submitted ?? [] },
      ],
    },
    byLanguage: [...submittedByLanguage].map(([l, n]) => ({
      label: o(`common:language.names.${l}`, { defaultValue: l }),
      value: n,
    })),
    breakdowns: choice
      .filter((q) => filters.has(q.id))
      .map((q) => ({ id: q.id, title: t(wordingKey.label(q.id)), bars: distribution(q) })),
    distributions: choice
      .filter((q) => !filters.has(q.id) && q.type !== "country" && !q.personal)
      .map((q) => ({ id: q.id, title: t(wordingKey.label(q.id)), bars: distribution(q) })),
  };
}
