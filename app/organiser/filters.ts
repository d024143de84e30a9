import type { ResponseStatus } from "../../db/schema";

/** What organisers narrow responses by, in the browser and in exports alike. */
export interface ResponseFilters {
  questionnaireId: string;
  /** One consultation of the questionnaire; absent or null: all of them. */
  consultationId?: string | null;
  statuses: ResponseStatus[];
  languages: string[];
  /** Started on or after / on or before (YYYY-MM-DD, UTC). */
  from?: string;
  to?: string;
  /** Declared filter variables -> any of these codes. */
  codes: Record<string, string[]>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads filters from a query string or a form: `status`, `language`, `from`, `to`, and
 * `f.<variable>` for each filter the questionnaire declares. Unknown or malformed values
 * are reported, not ignored.
 */
export function readFilters(
  params: URLSearchParams,
  questionnaireId: string,
  allowed: { languages: readonly string[]; variables: readonly string[] },
  defaults: { statuses: ResponseStatus[] },
): { filters: ResponseFilters; problems: string[] } {
  const problems: string[] = [];
  const statuses = params.getAll("status").filter(Boolean);
  for (const s of statuses) if (s !== "draft" && s !== "submitted") problems.push(`status=${s}`);
  const languages = params.getAll("language").filter(Boolean);
  for (const l of languages) if (!allowed.languages.includes(l)) problems.push(`language=${l}`);
  const date = (name: string) => {
    const value = params.get(name) || undefined;
    if (value && !DATE.test(value)) problems.push(`${name}=${value}`);
    return value && DATE.test(value) ? value : undefined;
  };
  const codes: Record<string, string[]> = {};
  for (const [key, value] of params) {
    if (!key.startsWith("f.") || !value) continue;
    const variable = key.slice(2);
    if (!allowed.variables.includes(variable) || !/^[A-Za-z0-9-]{1,8}$/.test(value)) problems.push(`${key}=${value}`);
    else (codes[variable] ??= []).push(value);
  }
  return {
    filters: {
      questionnaireId,
      statuses: statuses.length
        ? (statuses.filter((s) => s === "draft" || s === "submitted") as ResponseStatus[])
        : defaults.statuses,
      languages: languages.filter((l) => allowed.languages.includes(l)),
      from: date("from"),
      to: date("to"),
      codes,
    },
    problems,
  };
}

/** The filters as a query string, for links that keep them (paging, export). */
export function filtersToParams(filters: ResponseFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const s of filters.statuses) params.append("status", s);
  for (const l of filters.languages) params.append("language", l);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const [variable, codes] of Object.entries(filters.codes)) for (const c of codes) params.append(`f.${variable}`, c);
  return params;
}
