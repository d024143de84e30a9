import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { fixedT } from "~/i18n/i18next.server";
import type { ConsultationScope } from "~/models/consultation-scope.server";
import { invitationOutcomes, openLinkCodeCounts, responsesBySource } from "~/models/dashboard.server";
import type { StackedData } from "./chart-data";
import { filterOptions } from "./filter-options.server";

/** How far an invitation got; the first that holds wins: a submission counts even after a decline. */
const OUTCOMES = ["submitted", "declined", "in_progress", "not_started"] as const;
type Outcome = (typeof OUTCOMES)[number];

/** What an invitation carries that responses are broken down by. */
const DIMENSIONS = ["country", "region", "sector"] as const;

// Keys written out whole, so the translation check sees them used.
const OUTCOME_LABEL: Record<Outcome, string> = {
  submitted: "dashboard.outcome.submitted",
  declined: "dashboard.outcome.declined",
  in_progress: "dashboard.outcome.in_progress",
  not_started: "dashboard.outcome.not_started",
};
const DIMENSION_TITLE: Record<(typeof DIMENSIONS)[number], string> = {
  country: "dashboard.rateBy.country",
  region: "dashboard.rateBy.region",
  sector: "dashboard.rateBy.sector",
};

interface Invitation {
  place: Record<(typeof DIMENSIONS)[number], string>;
  started: boolean;
  outcome: Outcome;
}

/** One row per invitation, however many responses it has. */
function invitationsOf(rows: Awaited<ReturnType<typeof invitationOutcomes>>): Invitation[] {
  const byId = new Map<string, { row: (typeof rows)[number]; statuses: Set<string> }>();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? { row, statuses: new Set<string>() };
    if (row.status) entry.statuses.add(row.status);
    byId.set(row.id, entry);
  }
  return [...byId.values()].map(({ row, statuses }) => ({
    place: { country: row.country.trim(), region: row.region.trim(), sector: row.sector.trim() },
    started: statuses.size > 0,
    outcome: statuses.has("submitted")
      ? "submitted"
      : row.declined_at
        ? "declined"
        : statuses.size > 0
          ? "in_progress"
          : "not_started",
  }));
}

interface Tally {
  invited: number;
  started: number;
  submitted: number;
  declined: number;
  byOutcome: Record<Outcome, number>;
}

function tally(invitations: Invitation[]): Tally {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const i of invitations) byOutcome[i.outcome]++;
  return {
    invited: invitations.length,
    started: invitations.filter((i) => i.started).length,
    submitted: byOutcome.submitted,
    declined: byOutcome.declined,
    byOutcome,
  };
}

/**
 * Response rates of the invited (submitted / invited, with started and declined) overall and by the
 * invitations' country, region and sector; open-link responses by the respondents' own answers to
 * the questions the questionnaire declares as organiser filters.
 */
export async function responseRates(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  scope: ConsultationScope,
  language: string,
) {
  const o = fixedT(language, "organiser");
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const rate = (t: Tally) => (t.invited ? percent.format(t.submitted / t.invited) : "–");
  const filters = filterOptions(questionnaire, language);
  const [outcomes, sources, codes] = await Promise.all([
    invitationOutcomes(db, scope),
    responsesBySource(db, scope),
    openLinkCodeCounts(
      db,
      scope,
      filters.map((f) => f.variable),
    ),
  ]);
  const invitations = invitationsOf(outcomes);
  const total = tally(invitations);
  const segments = OUTCOMES.map((outcome) => o(OUTCOME_LABEL[outcome]));
  const rateColumns = ["invited", "started", "submittedSeries", "declined", "rate"].map((k) => o(`dashboard.${k}`));

  const byPlace = DIMENSIONS.filter((d) => invitations.some((i) => i.place[d])).map((dimension) => {
    const groups = new Map<string, Invitation[]>();
    for (const i of invitations) {
      const members = groups.get(i.place[dimension]);
      if (members) members.push(i);
      else groups.set(i.place[dimension], [i]);
    }
    const rows = [...groups]
      .map(([value, members]) => ({ label: value || o("dashboard.notGiven"), tally: tally(members) }))
      .sort((a, b) => b.tally.invited - a.tally.invited || a.label.localeCompare(b.label, language));
    const chart: StackedData = {
      segments,
      normalised: true,
      rows: rows.map((r) => ({ label: r.label, values: OUTCOMES.map((x) => r.tally.byOutcome[x]), note: rate(r.tally) })),
      table: {
        columns: rateColumns,
        rows: rows.map((r) => ({
          label: r.label,
          values: [r.tally.invited, r.tally.started, r.tally.submitted, r.tally.declined, rate(r.tally)],
        })),
      },
    };
    return { id: dimension, title: o(DIMENSION_TITLE[dimension]), chart };
  });

  const draftAndSubmitted = [o("dashboard.submittedSeries"), o(OUTCOME_LABEL.in_progress)];
  const openLinkBy = filters.map((filter) => {
    const count = (code: string, status: string) =>
      codes.find((c) => c.variable === filter.variable && c.code === code && c.status === status)?.n ?? 0;
    const rows = filter.options
      .map((option) => ({ label: option.label, values: [count(option.code, "submitted"), count(option.code, "draft")] }))
      // A long list (every country) shows only what was given.
      .filter((row) => filter.options.length <= 20 || row.values.some(Boolean));
    const chart: StackedData = { segments: draftAndSubmitted, normalised: false, rows };
    return { id: filter.variable, title: o("dashboard.openLinkBy", { question: filter.label }), chart };
  });

  const sourceCount = (openLink: boolean, status?: string) =>
    sources.filter((s) => s.openLink === openLink && (!status || s.status === status)).reduce((sum, s) => sum + s.n, 0);
  return {
    invited: { ...total, rate: rate(total) },
    openLink: { started: sourceCount(true), submitted: sourceCount(true, "submitted") },
    byPlace,
    openLinkBy,
  };
}
