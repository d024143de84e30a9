import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { Kysely } from "kysely";
import { z } from "zod";
import { regionName } from "~/engine/countries";
import { M49_REGION_NAMES } from "~/engine/data/m49";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import {
  consultationHasResponses,
  consultationState,
  createConsultation,
  listConsultations,
  parseDay,
  updateConsultation,
  type Consultation,
  type ConsultationChanges,
  type ConsultationState,
} from "~/models/consultation.server";
import { servedVersions } from "~/questionnaires/registry.server";
import { formatDay } from "~/utils/format-date";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;
type T = ReturnType<typeof fixedT>;
type Actor = { id: string; email: string };
type Result = SubmissionResult<string[]>;

/** A short slug: it names the open link (/q/<id>) and the dataset's consultation column. */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CONSULTATION_ID_MAX = 40;

/** A served questionnaire version as one form value (`pre-regm:1`). */
const versionValue = (v: { id: string; version: number }) => `${v.id}:${v.version}`;

export interface Option {
  value: string;
  label: string;
}

/** The choices of the consultation forms, in the organiser's language. */
export interface ConsultationFormOptions {
  questionnaires: Option[];
  regions: Option[];
  languages: Option[];
}

export function consultationFormOptions(language: string, enabledLanguages: readonly string[]): ConsultationFormOptions {
  const t = fixedT(language, "organiser");
  const collator = new Intl.Collator(language);
  return {
    questionnaires: servedVersions().map((v) => ({
      value: versionValue(v),
      label: t("consultations.versionOf", { title: fixedT(language, v.id)(wordingKey.title()), version: v.version }),
    })),
    regions: [
      { value: "", label: t("consultations.anywhere") },
      ...Object.keys(M49_REGION_NAMES)
        .map((code) => ({ value: code, label: `${regionName(code, language)} (${code})` }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    ],
    languages: enabledLanguages.map((l) => ({ value: l, label: fixedT(language)(`language.names.${l}`, { defaultValue: l }) })),
  };
}

const optionalDay = (t: T) =>
  z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || parseDay(value) !== null, { message: t("consultation.dateInvalid") });

/** What both forms ask: the name, the country group, the languages and the days. */
const detailsShape = (t: T, enabledLanguages: readonly string[]) => ({
  name: z
    .string({ message: t("consultations.nameRequired") })
    .trim()
    .min(1, { message: t("consultations.nameRequired") })
    .max(120, { message: t("consultations.nameTooLong") }),
  region: z
    .string()
    .optional()
    .refine((code) => !code || code in M49_REGION_NAMES, { message: t("consultations.regionUnknown") }),
  languages: z
    .array(z.string(), { message: t("consultations.languagesRequired") })
    .min(1, { message: t("consultations.languagesRequired") })
    .refine((chosen) => chosen.every((l) => enabledLanguages.includes(l)), { message: t("consultations.languageUnknown") }),
  opensOn: optionalDay(t),
  closesOn: optionalDay(t),
});

/** The closing day cannot come before the opening day: said at the closing day's field. */
function daysInOrder(t: T) {
  return (value: { opensOn?: string; closesOn?: string }, ctx: z.RefinementCtx) => {
    if (value.opensOn && value.closesOn && value.closesOn < value.opensOn)
      ctx.addIssue({ code: "custom", path: ["closesOn"], message: t("consultation.closesBeforeOpens") });
  };
}

export const createSchema = (t: T, enabledLanguages: readonly string[]) => {
  const served = servedVersions().map(versionValue);
  return z
    .object({
      id: z
        .string({ message: t("consultations.idRequired") })
        .trim()
        .max(CONSULTATION_ID_MAX, { message: t("consultations.idInvalid", { max: CONSULTATION_ID_MAX }) })
        .regex(ID, { message: t("consultations.idInvalid", { max: CONSULTATION_ID_MAX }) }),
      questionnaire: z
        .string({ message: t("consultations.questionnaireUnknown") })
        .refine((value) => served.includes(value), { message: t("consultations.questionnaireUnknown") }),
      ...detailsShape(t, enabledLanguages),
    })
    .superRefine(daysInOrder(t));
};

const editSchema = (t: T, enabledLanguages: readonly string[], versions: number[]) =>
  z
    .object({
      ...detailsShape(t, enabledLanguages),
      version: z.coerce
        .number()
        .optional()
        .refine((v) => v === undefined || versions.includes(v), { message: t("consultations.questionnaireUnknown") }),
    })
    .superRefine(daysInOrder(t));

/** The stored fields a form's valid details stand for. */
function detailsOf(value: { name: string; region?: string; languages: string[]; opensOn?: string; closesOn?: string }) {
  return {
    name: value.name,
    region: value.region || null,
    languages: value.languages,
    opensOn: value.opensOn || null,
    closesOn: value.closesOn || null,
  };
}

export type CreateOutcome =
  { kind: "invalid"; result: Result } | { kind: "taken"; result: Result } | { kind: "created"; id: string };

/** Creates a consultation from the organiser's form; a taken id changes nothing and is said at its field. */
export async function createConsultationFrom(
  db: Db,
  actor: Actor,
  form: FormData,
  t: T,
  enabledLanguages: readonly string[],
): Promise<CreateOutcome> {
  const submission = parseWithZod(form, { schema: createSchema(t, enabledLanguages) });
  if (submission.status !== "success") return { kind: "invalid", result: submission.reply() as Result };
  const { id, questionnaire } = submission.value;
  const [questionnaireId, version] = questionnaire.split(":") as [string, string];
  const details = detailsOf(submission.value);
  const created = await createConsultation(
    db,
    { id, questionnaireId, questionnaireVersion: Number(version), ...details },
    actor.id,
  );
  if (!created)
    return { kind: "taken", result: submission.reply({ fieldErrors: { id: [t("consultations.idTaken", { id })] } }) as Result };
  await logAudit(db, {
    actor,
    action: "consultation.create",
    targetType: "consultation",
    targetId: id,
    details: { questionnaire: questionnaireId, version: Number(version), ...details },
  });
  return { kind: "created", id };
}

export type EditOutcome = { kind: "invalid"; result: Result } | { kind: "versionFixed"; result: Result } | { kind: "saved" };

/** The questionnaire versions a consultation could ask instead of its own: the served ones of its questionnaire. */
export const versionsOf = (questionnaireId: string) =>
  servedVersions()
    .filter((v) => v.id === questionnaireId)
    .map((v) => v.version);

/**
 * Saves the name, country group, languages and days, and the version while nothing has been answered in
 * it: a response is shown, validated and exported with the version it was answered in, so it is fixed then.
 */
export async function editConsultationFrom(
  db: Db,
  actor: Actor,
  consultation: Consultation,
  form: FormData,
  t: T,
  enabledLanguages: readonly string[],
): Promise<EditOutcome> {
  const schema = editSchema(t, enabledLanguages, versionsOf(consultation.questionnaireId));
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return { kind: "invalid", result: submission.reply() as Result };
  const changes: ConsultationChanges = detailsOf(submission.value);
  const version = submission.value.version;
  if (version !== undefined && version !== consultation.questionnaireVersion) {
    if (await consultationHasResponses(db, consultation.id))
      return {
        kind: "versionFixed",
        result: submission.reply({ fieldErrors: { version: [t("consultations.versionFixed")] } }) as Result,
      };
    changes.questionnaireVersion = version;
  }
  const changed = (Object.keys(changes) as Array<keyof ConsultationChanges>).filter(
    (key) => JSON.stringify(changes[key]) !== JSON.stringify(consultation[key]),
  );
  await updateConsultation(db, consultation.id, changes, actor.id);
  await logAudit(db, {
    actor,
    action: "consultation.update",
    targetType: "consultation",
    targetId: consultation.id,
    details: { changed },
  });
  return { kind: "saved" };
}

/** Closes now (no more answers, whatever the days) or reopens (the days decide again); saved answers stay. */
export async function setClosed(db: Db, actor: Actor, consultation: Consultation, closed: boolean) {
  await updateConsultation(db, consultation.id, { closedAt: closed ? new Date().toISOString() : null }, actor.id);
  await logAudit(db, {
    actor,
    action: closed ? "consultation.close" : "consultation.reopen",
    targetType: "consultation",
    targetId: consultation.id,
    details: { name: consultation.name },
  });
}

/** One consultation as the organisers' list shows it, in the reader's language. */
export interface ConsultationSummary {
  id: string;
  name: string;
  questionnaire: string;
  region: string;
  languages: string;
  days: string;
  state: ConsultationState;
  link: string;
}

export async function consultationSummaries(db: Db, language: string, origin: string): Promise<ConsultationSummary[]> {
  const t = fixedT(language, "organiser");
  const common = fixedT(language);
  return (await listConsultations(db)).map((c) => ({
    id: c.id,
    name: c.name,
    questionnaire: t("consultations.versionOf", {
      title: fixedT(language, c.questionnaireId)(wordingKey.title()),
      version: c.questionnaireVersion,
    }),
    region: c.region ? regionName(c.region, language) : t("consultations.anywhere"),
    languages: c.languages
      ? c.languages.map((l) => common(`language.names.${l}`, { defaultValue: l })).join(", ")
      : t("consultations.allLanguages"),
    days: t("consultations.days", {
      opensOn: c.opensOn ? formatDay(c.opensOn, language) : "—",
      closesOn: c.closesOn ? formatDay(c.closesOn, language) : "—",
    }),
    state: consultationState(c),
    link: `${origin}/q/${c.id}`,
  }));
}
