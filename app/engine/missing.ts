/**
 * The one missing-value scheme of every dataset file: never 0, never blank for a missing answer.
 * A count of zero ("none") is a real value, not a missing code.
 */
export const MISSING = {
  /** Shown but not answered, or not reached yet in a draft. */
  noAnswer: -99,
  /** Not shown by routing (skip logic), or not applicable: the "other" text when Other was not chosen. */
  notShown: -88,
  /** "Don't know", where a question offers it. */
  dontKnow: -77,
  /** Not coded yet: an open answer no coder has decided (theme columns only). */
  notCoded: -66,
  /** "Not relevant here", where a matrix offers it: the row does not apply, which is no rating and no "don't know". */
  notApplicable: -55,
  /** Not asked in the version of the questionnaire the response was answered in (pooled datasets). */
  notAsked: -44,
} as const;

export type MissingCode = (typeof MISSING)[keyof typeof MISSING];

/** The label key of each missing code, for the codebook and the labelled files in every language. */
export const MISSING_LABEL_KEYS: Readonly<Record<MissingCode, string>> = {
  [MISSING.noAnswer]: "organiser:codebook.noAnswer",
  [MISSING.notShown]: "organiser:codebook.notShown",
  [MISSING.dontKnow]: "common:form.dontKnow",
  [MISSING.notCoded]: "organiser:codebook.notCoded",
  [MISSING.notApplicable]: "organiser:codebook.notApplicable",
  [MISSING.notAsked]: "organiser:codebook.notAsked",
};
