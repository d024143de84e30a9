/**
 * Dates, times and counts as the page's language writes them. One place, so that every page agrees:
 * English pages are written in British spelling, so they read British dates ("1 Dec 2026, 07:16").
 * Times are shown in one zone, named once on the page (see `timeZoneNote`).
 */
export const DISPLAY_TIME_ZONE = "UTC";

const regionOf: Record<string, string> = { en: "en-GB" };

/** The locale a page's language is formatted in: its region where known. */
export function localeOf(language: string): string {
  return regionOf[language] ?? language;
}

function format(options: Intl.DateTimeFormatOptions, value: Date | string, language: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone: DISPLAY_TIME_ZONE }).format(date);
}

/** "1 Dec 2026, 07:16" (en), "1 dic 2026, 7:16" (es). */
export const formatDateTime = (value: Date | string, language: string) =>
  format({ dateStyle: "medium", timeStyle: "short" }, value, language);

/** "1 Dec 2026, 07:16:28" (en), "1 dic 2026, 7:16:28" (es): to the second, where the order of events matters. */
export const formatInstant = (value: Date | string, language: string) =>
  format({ dateStyle: "medium", timeStyle: "medium" }, value, language);

/** "1 Dec 2026" (en), "1 dic 2026" (es). */
export const formatDate = (value: Date | string, language: string) => format({ dateStyle: "medium" }, value, language);

/** A calendar day "2026-12-01" in words: "1 December 2026" (en), "1 de diciembre de 2026" (es). */
export const formatDay = (day: string, language: string) => format({ dateStyle: "long" }, `${day}T00:00:00Z`, language);

/** A count: "1,535" (en), "1535" / "12.535" (es). */
export const formatNumber = (value: number, language: string, options: Intl.NumberFormatOptions = {}) =>
  new Intl.NumberFormat(localeOf(language), options).format(value);
