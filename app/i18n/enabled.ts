import { blockingKinds, type Report } from "./report";

/** Where a language of locales/ stands for this deployment. */
export interface LanguageStatus {
  language: string;
  /** Named in LANGUAGES: offered to respondents and invitees. */
  enabled: boolean;
  /** A folder exists (an enabled language without one stops the app at start). */
  present: boolean;
  /** Nothing a strict check would fail on: every text there, placeholders and plural forms right. */
  complete: boolean;
  percent: number;
  /** Problems that keep it from being complete. */
  toFix: number;
}

/**
 * Each enabled language, then each folder not enabled, with whether it is complete enough to
 * offer: the same rules as a strict language of the check, whatever `--strict` says.
 */
export function languageStatuses(report: Report, enabled: readonly string[]): LanguageStatus[] {
  const summaries = new Map(report.languages.map((l) => [l.language, l]));
  const toFix = (language: string) => report.problems.filter((p) => p.language === language && blockingKinds.has(p.kind)).length;
  const status = (language: string): LanguageStatus => {
    const summary = summaries.get(language);
    const problems = toFix(language);
    return {
      language,
      enabled: enabled.includes(language),
      present: Boolean(summary),
      complete: Boolean(summary) && problems === 0 && summary!.percent === 100,
      percent: summary?.percent ?? 0,
      toFix: problems,
    };
  };
  const others = report.languages.map((l) => l.language).filter((l) => !enabled.includes(l));
  return [...enabled, ...others].map(status);
}

/** One line per language for `npm run i18n:check`, saying whether each enabled one is complete enough. */
export function formatLanguageStatuses(statuses: readonly LanguageStatus[]): string {
  const lines = ["Languages offered (LANGUAGES) and available:"];
  for (const s of statuses) {
    const state = !s.present
      ? "✗ enabled, but there is no folder for it"
      : s.enabled
        ? s.complete
          ? "enabled, complete"
          : `✗ enabled, not complete enough (${s.percent}%, ${s.toFix} to fix): respondents see English for what is missing`
        : s.complete
          ? "available, not enabled: complete, add it to LANGUAGES to offer it"
          : `available, not enabled (${s.percent}%): not offered until complete and added to LANGUAGES`;
    lines.push(`  ${s.language}  ${state}`);
  }
  return lines.join("\n");
}
