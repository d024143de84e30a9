import { json } from "@remix-run/node";
import type { Questionnaire, Section } from "~/engine/definition";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import {
  consultationDates,
  consultationState,
  type ConsultationDates,
  type ConsultationState,
} from "~/models/consultation.server";
import { findResponseByToken, loadAnswers, type StoredAnswers } from "~/models/response.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { formatDay } from "~/utils/format-date";
import { responseTokenFor } from "~/utils/response-cookie.server";
import type { ResponseRow } from "../../db/schema";

export interface RespondentContext {
  questionnaire: Questionnaire;
  language: string;
  t: ReturnType<typeof fixedT>;
  response: ResponseRow | undefined;
  stored: StoredAnswers;
  /** The questionnaire's opening and closing days, and whether it takes answers now. */
  consultation: ConsultationDates & { state: ConsultationState };
}

const noAnswers: StoredAnswers = { values: {}, otherTexts: {}, states: {} };

/** A 404 whose message is in the respondent's language. */
export function notFound(language: string): Response {
  return json(fixedT(language)("errors.notFound"), { status: 404 });
}

/** A 409 for a change to a response that was submitted meanwhile, in the respondent's language. */
export function questionnaireClosed(language: string): Response {
  return json(fixedT(language)("errors.questionnaireClosed"), { status: 409 });
}

/**
 * The page a respondent sees before the opening day (403) or after the closing day (410), in their
 * language. Drafts stay stored: nothing typed before is lost.
 */
export function consultationClosed(ctx: RespondentContext): Response {
  const { state, opensOn, closesOn } = ctx.consultation;
  const message =
    state === "early"
      ? ctx.t("consultation.notYetOpen", { date: formatDay(opensOn!, ctx.language) })
      : ctx.t("consultation.closed", { date: formatDay(closesOn!, ctx.language) });
  return json(message, { status: state === "early" ? 403 : 410 });
}

/** Everything a respondent page needs: the questionnaire, the language, this browser's response. */
export async function respondentContext(request: Request, questionnaireId: string | undefined): Promise<RespondentContext> {
  const language = await languageOf(request);
  const latest = questionnaireId ? getQuestionnaire(questionnaireId) : undefined;
  if (!latest) throw notFound(language);
  const token = await responseTokenFor(request, latest.id);
  const response = token ? await findResponseByToken(db, latest.id, token) : undefined;
  // A response started before a new version keeps the version it was begun in: its answers are validated against it.
  const questionnaire = (response && getQuestionnaire(latest.id, response.questionnaire_version)) ?? latest;
  const stored = response ? await loadAnswers(db, response.id) : noAnswers;
  const dates = await consultationDates(db, questionnaire.id);
  const consultation = { ...dates, state: consultationState(dates) };
  return { questionnaire, language, t: fixedT(language), response, stored, consultation };
}

export function findSection(questionnaire: Questionnaire, sectionId: string | undefined, language: string): Section {
  const section = questionnaire.sections.find((s) => s.id === sectionId);
  if (!section) throw notFound(language);
  return section;
}
