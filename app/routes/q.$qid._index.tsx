import { FormProvider, getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Honeypot, HONEYPOT_FIELD } from "~/components/honeypot";
import { QuestionField } from "~/components/questions";
import { formLimitsFor } from "~/engine/form-limits";
import { toFormDefaults } from "~/engine/form-values";
import { estimateTime, roughMinutes } from "~/engine/time-estimate";
import { computeVisibility, flowSections, startAnswered, startSection } from "~/engine/visibility";
import { privacyNoticeParts, wordingKey } from "~/engine/wording";
import { formatDay } from "~/utils/format-date";
import { consultationClosed, respondentContext, type RespondentContext } from "~/respondent/context.server";
import { limitPublicSaves, sectionFingerprint } from "~/respondent/guards.server";
import { formatCode, resumeCode } from "~/respondent/resume.server";
import { submitSection, type SectionForm } from "~/respondent/submit-section.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { invitationCookie, invitationTokenFrom } from "~/utils/invitation-cookie.server";
import { readForm } from "~/utils/read-form.server";
import { rememberResponse } from "~/utils/response-cookie.server";
import { keepRetryAfter } from "~/utils/retry-after";
import type { RouteHandle } from "~/utils/route-handle";

export const handle: RouteHandle = { enhance: false };
export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** The receipt, for a browser whose response is submitted: never a blank questionnaire again. */
const receiptPath = (base: string) => `${base}/thanks?again=1`;

/** The time the questionnaire takes, in words, from its definition (app/engine/time-estimate.ts). */
function timeEstimate(ctx: RespondentContext): string[] {
  const { questionnaire, t } = ctx;
  const estimate = estimateTime(questionnaire);
  const shortest = roughMinutes(estimate.shortestSeconds);
  const longest = roughMinutes(estimate.longestSeconds);
  const ns = { ns: questionnaire.id };
  return [
    shortest === longest ? t("start.timeFixed", { count: shortest }) : t("start.time", { shortest, longest }),
    ...Object.entries(estimate.perItemSeconds).map(([groupId, seconds]) =>
      t("start.timeItem", { count: roughMinutes(seconds), label: t(wordingKey.label(groupId), ns) }),
    ),
  ];
}

/**
 * The round's name as organisers typed it, introduced in the respondent's language ("Consultation: REGM Asia
 * 2021"); none for a consultation still named by its id (the one each questionnaire gets at start).
 */
function roundName(ctx: RespondentContext): string | null {
  const { id, name } = ctx.consultation;
  return name && name !== id ? ctx.t("consultation.named", { name }) : null;
}

/**
 * The start page: who asks and why, how long it takes, until when, the privacy notice and the consent
 * (when the questionnaire declares one), then the way in. Stores nothing: consent is sent to the action.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await respondentContext(request, params.qid);
  const { questionnaire, response, stored, language, t } = ctx;
  if (response?.status === "submitted") throw redirect(receiptPath(ctx.base));
  if (ctx.consultation.state !== "open") throw consultationClosed(ctx);
  const start = startSection(questionnaire);
  const consented = startAnswered(questionnaire, stored.values);
  const sections = flowSections(questionnaire, computeVisibility(questionnaire, stored.values));
  const current = sections.find((s) => s.id === response?.current_section) ?? sections[0]!;
  const url = new URL(request.url);
  const continueTo = `${ctx.base}/s/${current.id}${url.search}`;
  // Without a start section there is nothing to ask before the first page, which has the title and
  // introduction; once consent is given, the link opens where the respondent stopped.
  if (!start || consented) throw redirect(continueTo);
  return json({
    questionnaire,
    base: ctx.base,
    consultationName: roundName(ctx),
    startId: start.id,
    // A draft whose consent is missing (begun before consent moved to this page) has its code already.
    resumeCode: response ? formatCode(resumeCode(response.id)) : null,
    time: timeEstimate(ctx),
    openUntil: ctx.consultation.closesOn
      ? t("consultation.openUntil", { date: formatDay(ctx.consultation.closesOn, language) })
      : null,
    draftDays: env.DRAFT_RETENTION_DAYS,
    privacyContact: env.PRIVACY_CONTACT ?? null,
    consentFirst: url.searchParams.get("consent") === "required" && !consented,
    defaults: toFormDefaults(start, stored.values, stored.otherTexts),
    fingerprint: sectionFingerprint(start, stored.values, stored.otherTexts),
    pageTitle: t(wordingKey.title(), { ns: questionnaire.id }),
  });
}

/** The consent: on success the response is created, with the consent as its first answers, and the first section opens. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await respondentContext(request, params.qid);
  const { questionnaire, t } = ctx;
  const start = startSection(questionnaire);
  if (!start) throw json(t("errors.methodNotAllowed"), { status: 405 });
  await limitPublicSaves(context, t);
  const formData = await readForm(request, { limits: formLimitsFor(questionnaire) });
  const outcome = await submitSection(db, ctx, start, formData, await invitationTokenFrom(request));
  const page = (form: SectionForm | null, status: number, formError: string | null = null, headers?: Headers) =>
    json({ result: form?.result ?? null, formError }, { status, headers });

  switch (outcome.kind) {
    case "locked":
      throw redirect(receiptPath(ctx.base));
    case "closed":
      throw consultationClosed(ctx);
    case "consentFirst": // never for the start section itself
    case "confirm": // never either: the start section hides no question
    case "unreadable":
      throw json(t("errors.formUnreadable"), { status: 400 });
    case "rejected":
      return page(outcome.form, 400, t("errors.formRejected"));
    case "invalid":
    case "edited":
      return page(outcome.form, 400);
    case "conflict":
      // Consent was given from another window meanwhile: nothing to add, carry on.
      return redirect(ctx.base);
  }
  const headers = new Headers();
  if (outcome.started) {
    // The first save: this browser remembers its new response, and the invitation has done its work.
    headers.append("Set-Cookie", await rememberResponse(request, ctx.consultation.id, outcome.started));
    headers.append("Set-Cookie", await invitationCookie.serialize("", { maxAge: 0 }));
  }
  if (outcome.kind === "busy") {
    headers.set("Retry-After", outcome.retryAfter);
    return page(outcome.form, 503, t("errors.notSavedBusy"), headers);
  }
  // Saved: on to the first section (a start section reveals no question and has no "save for later").
  const next = outcome.kind === "section" ? `/s/${outcome.sectionId}` : "";
  return redirect(`${ctx.base}${next}`, { headers });
}

export default function StartPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { questionnaire } = data;
  const { t } = useTranslation([questionnaire.id, "common"]);
  const start = questionnaire.sections.find((s) => s.id === data.startId)!;
  const formId = "start";
  const [form, fields] = useForm({
    id: formId,
    lastResult: (actionData?.result as SubmissionResult<string[]> | null | undefined) ?? undefined,
    defaultValue: data.defaults,
    shouldValidate: "onSubmit",
  });
  const hasErrors = Boolean(actionData?.result?.error && Object.keys(actionData.result.error).length > 0);
  const problem = actionData?.formError ?? (hasErrors ? t("common:start.consentMissing") : null);
  return (
    <>
      {data.resumeCode ? (
        <p className="notice">{t("common:resume.savedNote", { code: data.resumeCode })}</p>
      ) : (
        <p className="notice">
          <Link to={`${data.base}/resume`}>{t("common:start.resume")}</Link>
        </p>
      )}
      <h1>{t(wordingKey.title())}</h1>
      {data.consultationName ? <p className="lead">{data.consultationName}</p> : null}
      <p className="lead">{t(wordingKey.start("organiser"))}</p>
      {data.consentFirst ? (
        <div className="summary" role="alert">
          {t("common:start.consentFirst")}
        </div>
      ) : null}
      <p>{t(wordingKey.intro())}</p>
      <h2>{t("common:start.aboutHeading")}</h2>
      <p>{t(wordingKey.start("purpose"))}</p>
      <p>{t(wordingKey.start("use"))}</p>
      <ul className="facts">
        {data.time.map((line) => (
          <li key={line}>{line}</li>
        ))}
        {data.openUntil ? <li>{data.openUntil}</li> : null}
      </ul>
      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t("common:start.privacyHeading")}</h2>
        <dl className="notice-list">
          {privacyNoticeParts.map((part) => (
            <div key={part}>
              <dt>{t(`common:start.privacy.${part}`)}</dt>
              <dd>
                {part === "submissions" ? <p>{t("common:start.draftsKept", { count: data.draftDays })}</p> : null}
                <p>{t(wordingKey.privacy(part))}</p>
                {part === "contact" && data.privacyContact ? (
                  <p>
                    <a href={`mailto:${data.privacyContact}`}>{data.privacyContact}</a>
                  </p>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} noValidate={false}>
          <h2>{t("common:start.consentHeading")}</h2>
          {problem ? (
            <div className="summary" role="alert">
              {problem}
            </div>
          ) : null}
          <input type="hidden" name="__shown" value={start.questions.map((q) => q.id).join(",")} />
          <input type="hidden" name="_saved" value={data.fingerprint} />
          <Honeypot name={HONEYPOT_FIELD} />
          {start.questions.map((q) => (
            <QuestionField
              key={q.id}
              question={q}
              fields={fields as unknown as Record<string, FieldMetadata<unknown>>}
              formId={formId}
              questionnaire={questionnaire}
            />
          ))}
          <div className="actions">
            <button type="submit" name="_action" value="next">
              {t("common:start.agreeAndStart")}
            </button>
          </div>
        </Form>
      </FormProvider>
    </>
  );
}
