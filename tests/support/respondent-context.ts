import type { Questionnaire } from "../../app/engine/definition";
import { fixedT, supportedLanguages } from "../../app/i18n/i18next.server";
import type { ConsultationState } from "../../app/models/consultation.server";
import type { StoredAnswers } from "../../app/models/response.server";
import type { RespondentContext } from "../../app/respondent/context.server";
import type { ResponseRow } from "../../db/schema";

/**
 * What a respondent route knows, for use-case tests: the questionnaire's default consultation (its id the
 * questionnaire's), open unless the test says otherwise.
 */
export function respondentContextFor(input: {
  questionnaire: Questionnaire;
  language?: string;
  response: ResponseRow | undefined;
  stored: StoredAnswers;
  days?: { opensOn: string | null; closesOn: string | null; state: ConsultationState };
}): RespondentContext {
  const { questionnaire, language = "en" } = input;
  const days = input.days ?? { opensOn: null, closesOn: null, state: "open" };
  return {
    questionnaire,
    language,
    t: fixedT(language),
    response: input.response,
    stored: input.stored,
    consultation: {
      id: questionnaire.id,
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      name: questionnaire.id,
      region: null,
      languages: null,
      closedAt: null,
      ...days,
    },
    languages: supportedLanguages,
    base: `/q/${questionnaire.id}`,
  };
}
