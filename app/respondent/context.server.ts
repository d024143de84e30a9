import { json } from "@remix-run/node";
import type { CountryGroup } from "~/components/questions/country-region";
import { codesInRegion, countryName, regionName } from "~/engine/countries";
import type { Questionnaire, Section } from "~/engine/definition";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { consultationState, findConsultation, type Consultation, type ConsultationState } from "~/models/consultation.server";
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
  /** The consultation the address names (its days, region, languages), and whether it takes answers now. */
  consultation: Consultation & { state: ConsultationState };
  /** The languages the consultation offers: the switcher's, and the only ones a page is shown in. */
  languages: string[];
  /** Where the consultation's pages live: `/q/<consultation id>`. */
  base: string;
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
      : state === "closed"
        ? ctx.t("consultation.closedNow")
        : ctx.t("consultation.closed", { date: formatDay(closesOn!, ctx.language) });
  return json(message, { status: state === "early" ? 403 : 410 });
}

/** The languages a consultation offers among those the deployment serves (all of them when it names none). */
export function offeredLanguages(consultation: Pick<Consultation, "languages">): string[] {
  const offered = consultation.languages?.filter((l) => supportedLanguages.includes(l)) ?? [];
  return offered.length > 0 ? offered : supportedLanguages;
}

/**
 * The consultation an address (`/q/<id>`) names, the questionnaire version it asks and the language of its
 * pages (among those it offers); the 404 page, in the visitor's language, when there is none.
 */
export async function consultationOfAddress(request: Request, consultationId: string | undefined) {
  const consultation = consultationId ? await findConsultation(db, consultationId) : undefined;
  const questionnaire = consultation && getQuestionnaire(consultation.questionnaireId, consultation.questionnaireVersion);
  if (!consultation || !questionnaire) throw notFound(await languageOf(request));
  const languages = offeredLanguages(consultation);
  return { consultation, questionnaire, languages, language: await languageOf(request, languages) };
}

/**
 * The language of any page and the languages its switcher offers: on a consultation's pages (`/q/<id>/…`)
 * only those it offers, so the document, the switcher and the route agree.
 */
export async function pageLanguages(request: Request): Promise<{ language: string; languages: string[] }> {
  const id = /^\/q\/([a-z0-9-]+)(?:\/|$)/.exec(new URL(request.url).pathname)?.[1];
  const consultation = id ? await findConsultation(db, id) : undefined;
  const languages = consultation ? offeredLanguages(consultation) : supportedLanguages;
  return { language: await languageOf(request, languages), languages };
}

/** Everything a respondent page needs: the consultation, its questionnaire, the language, this browser's response. */
export async function respondentContext(request: Request, consultationId: string | undefined): Promise<RespondentContext> {
  const { consultation, questionnaire: pinned, languages, language } = await consultationOfAddress(request, consultationId);
  const token = await responseTokenFor(request, consultation.id);
  const response = token ? await findResponseByToken(db, consultation.id, token) : undefined;
  // A draft keeps the version it was begun in (the consultation's at the time): its answers are validated against it.
  const questionnaire = (response && getQuestionnaire(pinned.id, response.questionnaire_version)) ?? pinned;
  const stored = response ? await loadAnswers(db, response.id) : noAnswers;
  return {
    questionnaire,
    language,
    t: fixedT(language),
    response,
    stored,
    consultation: { ...consultation, state: consultationState(consultation) },
    languages,
    base: `/q/${consultation.id}`,
  };
}

/** The consultation's country group for the country question, its countries by name; null when it asks anywhere. */
export function countryRegionOf(ctx: RespondentContext): CountryGroup | null {
  const { region } = ctx.consultation;
  if (!region) return null;
  const collator = new Intl.Collator(ctx.language);
  const codes = codesInRegion(region).sort((a, b) =>
    collator.compare(countryName(a, ctx.language), countryName(b, ctx.language)),
  );
  return codes.length > 0 ? { label: regionName(region, ctx.language), codes } : null;
}

export function findSection(questionnaire: Questionnaire, sectionId: string | undefined, language: string): Section {
  const section = questionnaire.sections.find((s) => s.id === sectionId);
  if (!section) throw notFound(language);
  return section;
}
