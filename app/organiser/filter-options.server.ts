import { countryCodes, countryName } from "~/engine/countries";
import type { Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import { fixedT, supportedLanguages } from "~/i18n/i18next.server";

export interface FilterOption {
  variable: string;
  label: string;
  options: Array<{ code: string; label: string }>;
}

/** The questionnaire's declared filters with their options, labelled in the organiser's language. */
export function filterOptions(questionnaire: Questionnaire, language: string): FilterOption[] {
  const t = fixedT(language, questionnaire.id);
  const questions = questionnaire.sections.flatMap((s) => s.questions);
  return (questionnaire.organiserFilters ?? []).map((variable) => {
    const q = questions.find((x) => x.id === variable)!;
    const options =
      q.type === "country"
        ? [...countryCodes]
            .map((code) => ({ code, label: countryName(code, language) }))
            .sort((a, b) => a.label.localeCompare(b.label, language))
        : "list" in q
          ? questionnaire.lists[q.list]!.map((o) => ({ code: String(o.code), label: t(wordingKey.option(q.list, o.code)) }))
          : [];
    return { variable, label: t(wordingKey.label(q)), options };
  });
}

export const filterLanguages = supportedLanguages;
