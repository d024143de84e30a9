import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { consultationState, listConsultations, type Consultation } from "~/models/consultation.server";
import type { ConsultationScope } from "~/models/consultation-scope.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";

/** The value of `c` that asks for every consultation of the questionnaire. */
export const ALL_CONSULTATIONS = "all";

/** The consultation an organiser page is about, read once from its address or form (`c`, with `q` as before). */
export interface ConsultationChoice {
  /** The chosen consultation's questionnaire at the version it asks; the latest version when all are chosen. */
  questionnaire: Questionnaire;
  /** Every consultation of that questionnaire, oldest first. */
  consultations: Consultation[];
  /** Null: all of them. */
  consultation: Consultation | null;
  /** The one a page opens without a choice: the newest open one, or the first. */
  fallback: Consultation;
  scope: ConsultationScope;
  /** What links and forms carry to keep the choice; empty for the default choice. */
  params: Record<string, string>;
}

/** Consultations whose questionnaire this deployment serves, oldest first. */
async function servedConsultations(db: Kysely<Database>) {
  return (await listConsultations(db)).filter((c) => getQuestionnaire(c.questionnaireId, c.questionnaireVersion));
}

function fallbackOf(consultations: Consultation[], now: Date): Consultation | undefined {
  const open = consultations.filter((c) => !c.closedAt && consultationState(c, now) === "open");
  return open.at(-1) ?? consultations[0];
}

/**
 * Reads the choice from `c` (a consultation's id, or `all`) and `q` (a questionnaire's id, or a
 * consultation's, as links made before consultations say). Pages where "all consultations" means
 * nothing (`allowAll` false) open the default consultation instead. Undefined when the address
 * names no served consultation or questionnaire.
 */
export async function readConsultationChoice(
  db: Kysely<Database>,
  fields: { get(name: string): unknown },
  { allowAll }: { allowAll: boolean },
  now = new Date(),
): Promise<ConsultationChoice | undefined> {
  const text = (name: string) => {
    const value = fields.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const c = text("c");
  const q = text("q");
  const served = await servedConsultations(db);
  const named = (id: string) => served.find((x) => x.id === id);
  const explicit = c && c !== ALL_CONSULTATIONS ? named(c) : undefined;
  if (c && c !== ALL_CONSULTATIONS && !explicit) return undefined;
  const questionnaireId = explicit?.questionnaireId ?? (q ? (named(q)?.questionnaireId ?? q) : defaultQuestionnaireId);
  const consultations = served.filter((x) => x.questionnaireId === questionnaireId);
  const fallback = fallbackOf(consultations, now);
  if (!fallback) return undefined;
  const all = c === ALL_CONSULTATIONS && allowAll;
  // A `q` alone naming a consultation opens it: `?q=pre-regm` keeps meaning what it meant.
  const consultation = all ? null : (explicit ?? (q && !c ? named(q) : undefined) ?? fallback);
  const questionnaire = consultation
    ? getQuestionnaire(consultation.questionnaireId, consultation.questionnaireVersion)
    : getQuestionnaire(questionnaireId);
  if (!questionnaire) return undefined;
  const isDefault = consultation?.id === fallback.id && questionnaireId === defaultQuestionnaireId;
  // The consultation named by its questionnaire is what `?q=<id>` always opened: its links stay as they were.
  const byQuestionnaireId = consultation?.id === questionnaireId;
  return {
    questionnaire,
    consultations,
    consultation,
    fallback,
    scope: { questionnaireId, consultationId: consultation?.id ?? null },
    params: isDefault
      ? {}
      : byQuestionnaireId
        ? { q: questionnaireId }
        : { q: questionnaireId, c: consultation?.id ?? ALL_CONSULTATIONS },
  };
}

/** The choice of a page's request; a 404 in the organiser's language when it names nothing served. */
export async function requireConsultationChoice(
  db: Kysely<Database>,
  request: Request,
  options: { allowAll: boolean; fields?: { get(name: string): unknown } },
): Promise<ConsultationChoice> {
  const choice = await readConsultationChoice(db, options.fields ?? new URL(request.url).searchParams, options);
  if (choice) return choice;
  const t = fixedT(await languageOf(request), "organiser");
  throw new Response(t("consultationChoice.unknown"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The choice of a page about exactly one consultation (the default one when the address says all). */
export async function requireOneConsultation(
  db: Kysely<Database>,
  request: Request,
  fields?: { get(name: string): unknown },
): Promise<ConsultationChoice & { consultation: Consultation; scope: { consultationId: string } }> {
  const choice = await requireConsultationChoice(db, request, { allowAll: false, fields });
  const consultation = choice.consultation ?? choice.fallback;
  return { ...choice, consultation, scope: { ...choice.scope, consultationId: consultation.id } };
}

/** The languages a consultation is offered in, which its invitations must be written in. */
export const languagesOffered = (consultation: Consultation): string[] =>
  consultation.languages?.filter((l) => supportedLanguages.includes(l)) ?? supportedLanguages;
