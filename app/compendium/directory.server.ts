import { countryName } from "~/engine/countries";
import {
  codeOf,
  codesOf,
  formatterFor,
  profileOf,
  questionOptions,
  textOf,
  type CompendiumContext,
  type Respondent,
} from "./examples.server";

/**
 * The stakeholder directory (the knowledge hub's first phase): respondents who said yes to the hub
 * question, gave their consent and left an address, unless they have left it since.
 */
export function isListed(ctx: CompendiumContext, respondent: Respondent): boolean {
  const { directory } = ctx.fields;
  return (
    codeOf(respondent, directory.hub) === directory.yes &&
    respondent.answers.has(directory.consent) &&
    contactAddress(ctx, respondent) !== ""
  );
}

/** Where a respondent can be written to: their answer to the e-mail question, else their invitation's address. */
export const contactAddress = (ctx: CompendiumContext, respondent: Respondent) =>
  textOf(respondent, ctx.fields.directory.email) || respondent.invitee?.email || "";

/** Everyone in the directory now: listed, and not gone since. */
export const listedRespondents = (ctx: CompendiumContext, respondents: Respondent[], left: ReadonlySet<string>) =>
  respondents.filter((r) => isListed(ctx, r) && !left.has(r.responseId));

export interface DirectoryFilters {
  country: string | null;
  sector: number | null;
  orgType: number | null;
}

const codeParam = (value: string | null) => (value && /^\d{1,4}$/.test(value) ? Number(value) : null);

export function directoryFilters(params: URLSearchParams): DirectoryFilters {
  const country = params.get("country");
  return {
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    sector: codeParam(params.get("sector")),
    orgType: codeParam(params.get("orgType")),
  };
}

/** The directory's people in a language, filtered, ordered by country then organisation type. */
export function directoryListing(
  ctx: CompendiumContext,
  respondents: Respondent[],
  left: ReadonlySet<string>,
  language: string,
  filters: DirectoryFilters,
) {
  const { profile } = ctx.fields;
  const format = formatterFor(ctx, language);
  const listed = listedRespondents(ctx, respondents, left);
  const rows = listed
    .filter(
      (r) =>
        (!filters.country || textOf(r, profile.country) === filters.country) &&
        (filters.sector === null || codesOf(r, profile.sector).includes(filters.sector)) &&
        (filters.orgType === null || codeOf(r, profile.orgType) === filters.orgType),
    )
    .map((r) => ({
      responseId: r.responseId,
      name: r.invitee?.name ?? "",
      organisation: r.invitee?.organisation ?? "",
      email: contactAddress(ctx, r),
      language: r.language,
      ...profileOf(ctx, format, r),
    }))
    .sort((a, b) => a.country.localeCompare(b.country, language) || a.orgType.localeCompare(b.orgType, language));
  const countries = [...new Set(listed.map((r) => textOf(r, profile.country)).filter(Boolean))];
  return {
    rows,
    options: {
      country: countries
        .map((code) => ({ code, label: countryName(code, language) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
      sector: questionOptions(ctx, format, profile.sector),
      orgType: questionOptions(ctx, format, profile.orgType),
    },
  };
}
