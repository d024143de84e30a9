import { FormProvider, getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AddedItemContext } from "~/components/questions/group";
import { useTranslation } from "react-i18next";
import { CountryRegion } from "~/components/questions/country-region";
import { QuestionField } from "~/components/questions";
import { toFormDefaults } from "~/engine/form-values";
import { formLimitsFor } from "~/engine/form-limits";
import { computeVisibility, flowSections, startAnswered } from "~/engine/visibility";
import { wordingKey } from "~/engine/wording";
import {
  consultationClosed,
  countryRegionOf,
  findSection,
  questionnaireClosed,
  respondentContext,
  type RespondentContext,
} from "~/respondent/context.server";
import { formatDay } from "~/utils/format-date";
import { formatCode, resumeCode } from "~/respondent/resume.server";
import { earlierAnswersFor, readIntent, shownIn } from "~/respondent/save-section.server";
import { errorSummaryOf, type SummaryLink } from "~/respondent/error-summary.server";
import { CONFIRM_FIELD, CONFIRM_LANGUAGE_FIELD, sectionFormId } from "~/respondent/section-form";
import { markPageErrors, pageHasErrors } from "~/utils/page-errors.server";
import { submitSection, type SectionForm } from "~/respondent/submit-section.server";
import { Honeypot, HONEYPOT_FIELD } from "~/components/honeypot";
import { draftKey, limitPublicSaves, sectionFingerprint } from "~/respondent/guards.server";
import { db } from "~/utils/db.server";
import { invitationCookie, invitationTokenFrom } from "~/utils/invitation-cookie.server";
import { rememberResponse } from "~/utils/response-cookie.server";
import type { RouteHandle } from "~/utils/route-handle";
import { readForm } from "~/utils/read-form.server";
import { keepRetryAfter } from "~/utils/retry-after";
import { oncePer } from "~/utils/once-per";
import { sectionPageDefinition } from "~/respondent/section-page-definition.server";

export const handle: RouteHandle = { enhance: true, languageForm: (params) => sectionFormId(params.sectionId ?? "") };
export const headers = keepRetryAfter;

/** The messages the page's script shows while the respondent types, as JSON safe inside a script element. */
function validationMessages(t: (key: string, vars?: Record<string, unknown>) => string): string {
  const keep = { min: "{{min}}", max: "{{max}}" };
  return JSON.stringify({
    required: t("errors.required"),
    email: t("errors.email"),
    number: t("errors.number"),
    date: t("errors.date"),
    dateMin: t("errors.dateMin", keep),
    dateMax: t("errors.dateMax", keep),
    tooLong: t("errors.tooLong", keep),
    // The summary's heading with the count left to the script ("{{count}}" stays as it is).
    summaryOne: t("errorSummary.heading_one", { count: "{{count}}" }),
    summaryOther: t("errorSummary.heading_other", { count: "{{count}}" }),
  }).replace(/</g, "\\u003c");
}
/** The same for every page in a language (one translate function per language): made once. */
const validationMessagesOnce = oncePer(validationMessages);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await respondentContext(request, params.qid);
  const { questionnaire, response, stored, language } = ctx;
  const section = findSection(questionnaire, params.sectionId, language);
  if (response?.status === "submitted") throw redirect(`${ctx.base}/thanks?again=1`);
  if (ctx.consultation.state !== "open") throw consultationClosed(ctx);
  const sections = flowSections(questionnaire, computeVisibility(questionnaire, stored.values));
  const index = sections.findIndex((s) => s.id === section.id);
  // A section that does not apply, a later one before anything was saved, or any before consent leads to the start.
  if (index === -1 || (index > 0 && !response) || !startAnswered(questionnaire, stored.values)) throw redirect(ctx.base);
  const ns = { ns: questionnaire.id };
  return json({
    questionnaire: sectionPageDefinition(questionnaire, section),
    base: ctx.base,
    countryRegion: countryRegionOf(ctx),
    sectionId: section.id,
    // Sections shown because of earlier answers (chosen sectors) make the total grow: the line says so.
    position: { index: index + 1, total: sections.length, added: sections.filter((s) => s.showIf).length },
    isFirst: index === 0,
    openUntil: ctx.consultation.closesOn
      ? ctx.t("consultation.openUntil", { date: formatDay(ctx.consultation.closesOn, language) })
      : null,
    isLast: index === sections.length - 1,
    fromReview: new URL(request.url).searchParams.get("from") === "review",
    shown: shownIn(section, questionnaire, stored.values),
    earlierAnswers: earlierAnswersFor(questionnaire, section, stored.values),
    defaults: toFormDefaults(section, stored.values, stored.otherTexts),
    fingerprint: sectionFingerprint(section, stored.values, stored.otherTexts),
    resumeCode: response ? formatCode(resumeCode(response.id)) : null,
    draft: response ? draftKey(response.id) : "new",
    validationMessages: validationMessagesOnce(ctx.t),
    pageTitle: errorTitle(
      `${ctx.t(wordingKey.sectionTitle(section.id), ns)} – ${ctx.t(wordingKey.title(), ns)}`,
      pageHasErrors(context),
      ctx.t,
    ),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await respondentContext(request, params.qid);
  const { questionnaire, language, t } = ctx;
  const section = findSection(questionnaire, params.sectionId, language);
  await limitPublicSaves(context, t);
  const formData = await readForm(request, { limits: formLimitsFor(questionnaire) });
  const outcome = await submitSection(db, ctx, section, formData, await invitationTokenFrom(request));
  type Extra = { formError?: string; notice?: string; summary?: SummaryLink[]; confirm?: Confirmation };
  const page = (form: SectionForm, status: number, extra: Extra = {}, headers?: Headers) => {
    if (extra.formError || extra.summary?.length) markPageErrors(context);
    return json(
      {
        ...form,
        formError: extra.formError ?? null,
        notice: extra.notice ?? null,
        summary: extra.summary ?? [],
        confirm: extra.confirm ?? null,
      },
      { status, headers },
    );
  };

  if (outcome.kind === "locked") throw questionnaireClosed(language);
  if (outcome.kind === "consentFirst") throw redirect(`${ctx.base}?consent=required`);
  if (outcome.kind === "closed") throw consultationClosed(ctx);
  if (outcome.kind === "unreadable") throw json(t("errors.formUnreadable"), { status: 400 });
  if (outcome.kind === "rejected") return page(outcome.form, 400, { formError: t("errors.formRejected") });
  if (outcome.kind === "invalid") {
    return page(outcome.form, 400, { summary: errorSummaryOf(questionnaire, section, outcome.form.result?.error, language) });
  }
  if (outcome.kind === "confirm") {
    const switchingTo = readIntent(formData) === "language" ? askedLanguage(formData, ctx) : null;
    return page(outcome.form, 200, {
      confirm: { value: outcome.confirm, sections: lostAnswers(ctx, outcome.lost), language: switchingTo },
    });
  }
  if (outcome.kind === "edited") return page(outcome.form, 200);
  if (outcome.kind === "conflict") return page(outcome.form, 409, { formError: t("form.conflict") });

  const headers = new Headers();
  if (outcome.started) {
    // The first save: this browser remembers its new response, and the invitation has done its work.
    headers.append("Set-Cookie", await rememberResponse(request, ctx.consultation.id, outcome.started));
    headers.append("Set-Cookie", await invitationCookie.serialize("", { maxAge: 0 }));
  }
  const base = ctx.base;
  switch (outcome.kind) {
    case "busy":
      headers.set("Retry-After", outcome.retryAfter);
      return page(outcome.form, 503, { formError: t("errors.notSavedBusy") }, headers);
    case "stay":
      return page(outcome.form, 200, { notice: "form.moreQuestions" }, headers);
    case "saved":
      return redirect(`${base}/saved`, { headers });
    case "review":
      return redirect(`${base}/review`, { headers });
    case "section":
      return redirect(`${base}/s/${outcome.sectionId}${outcome.fromReview ? "?from=review" : ""}`, { headers });
    case "language": {
      const next = new URLSearchParams({ lng: askedLanguage(formData, ctx) });
      if (outcome.fromReview) next.set("from", "review");
      return redirect(`${base}/s/${outcome.sectionId}?${next}`, { headers });
    }
  }
}

/** The title of a page shown again with errors starts with the localized "Error:" (read first by screen readers). */
function errorTitle(title: string, withErrors: boolean, t: (key: string, vars?: Record<string, unknown>) => string) {
  return withErrors ? t("errorSummary.pageTitle", { title }) : title;
}

/** The language a switch asks for (the header's select, or the one a confirmation carries), if the consultation offers it. */
function askedLanguage(formData: FormData, ctx: RespondentContext): string {
  const asked = String((formData.has(CONFIRM_FIELD) ? formData.get(CONFIRM_LANGUAGE_FIELD) : formData.get("lng")) ?? "");
  return ctx.languages.includes(asked) ? asked : ctx.language;
}

/** What the confirmation before deleting answers lists, and the value its button sends. */
interface Confirmation {
  value: string;
  /** For a language switch: the language to switch to once confirmed. */
  language: string | null;
  sections: Array<{ title: string; questions: string[] }>;
}

function lostAnswers(ctx: Awaited<ReturnType<typeof respondentContext>>, lost: string[]): Confirmation["sections"] {
  const ns = { ns: ctx.questionnaire.id };
  return ctx.questionnaire.sections
    .map((s) => ({
      title: ctx.t(wordingKey.sectionTitle(s.id), ns),
      questions: s.questions.filter((q) => lost.includes(q.id)).map((q) => ctx.t(wordingKey.label(q), ns)),
    }))
    .filter((s) => s.questions.length > 0);
}

export default function SectionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { questionnaire, sectionId, position } = data;
  const section = questionnaire.sections.find((s) => s.id === sectionId)!;
  const shown = new Set(actionData?.shown?.length ? actionData.shown : data.shown);
  const { t } = useTranslation([questionnaire.id, "common"]);
  const formId = sectionFormId(section.id);
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData?.result ?? undefined,
    defaultValue: data.defaults,
    shouldValidate: "onSubmit",
  });
  const summary = actionData?.summary ?? [];
  const intent = actionData?.result?.intent;
  // After "Add", the new item takes focus (a plain page load: the autofocus attribute, with or without script).
  const added = intent?.type === "insert" ? (intent.payload as { name: string }).name : null;
  return (
    <CountryRegion.Provider value={data.countryRegion}>
      {data.isFirst ? (
        <>
          <p className="lead">{t(wordingKey.title())}</p>
          <p>{t(wordingKey.intro())}</p>
          {data.openUntil ? <p className="notice">{data.openUntil}</p> : null}
        </>
      ) : null}
      <p className="progress">
        {position.added
          ? t("common:form.progressAdded", { index: position.index, total: position.total, count: position.added })
          : t("common:form.progress", { index: position.index, total: position.total })}
      </p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} noValidate={false} data-section={section.id} data-draft={data.draft}>
          {/* Enter in a field presses the first submit button: make that one "next", not "back" or "add". */}
          <button type="submit" name="_action" value="next" className="visually-hidden" tabIndex={-1} aria-hidden="true">
            {t("common:form.next")}
          </button>
          <h1>{t(wordingKey.sectionTitle(section.id))}</h1>
          {section.intro ? <p>{t(wordingKey.sectionIntro(section.id))}</p> : null}
          {actionData?.formError || summary.length ? (
            // GOV.UK's error summary: focused on arrival, a count, one link per field in error.
            // eslint-disable-next-line jsx-a11y/no-autofocus -- moving focus to the errors is the point
            <div className="summary" role="alert" tabIndex={-1} autoFocus aria-labelledby="summary-title">
              <h2 id="summary-title">
                {summary.length ? t("common:errorSummary.heading", { count: summary.length }) : actionData?.formError}
              </h2>
              {summary.length ? (
                <>
                  {actionData?.formError ? <p>{actionData.formError}</p> : null}
                  <ul>
                    {summary.map((link) => (
                      <li key={link.href}>
                        <a href={link.href}>{link.text}</a>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}
          {actionData?.confirm ? (
            // eslint-disable-next-line jsx-a11y/no-autofocus -- the question asked must be read first
            <div className="confirm-delete" role="alert" tabIndex={-1} autoFocus aria-labelledby="confirm-title">
              <h2 id="confirm-title">{t("common:errorSummary.confirmDelete.title")}</h2>
              <p>{t("common:errorSummary.confirmDelete.intro")}</p>
              <ul>
                {actionData.confirm.sections.map((s) => (
                  <li key={s.title}>
                    <strong>{s.title}</strong>: {s.questions.join("; ")}
                  </li>
                ))}
              </ul>
              {actionData.confirm.language ? (
                <input type="hidden" name={CONFIRM_LANGUAGE_FIELD} value={actionData.confirm.language} />
              ) : null}
              <div className="actions">
                {/* The answers were checked before this question was asked ("back" and "save" ask for less). */}
                <button type="submit" name={CONFIRM_FIELD} value={actionData.confirm.value} formNoValidate>
                  {t("common:errorSummary.confirmDelete.confirm")}
                </button>
                <a href={data.fromReview ? "?from=review" : "?"}>{t("common:errorSummary.confirmDelete.keep")}</a>
              </div>
            </div>
          ) : null}
          <p className="notice" id="restored-note" role="status" hidden>
            {t("common:errorSummary.restored")}
          </p>
          {actionData?.notice ? (
            <p className="notice" role="status">
              {t(`common:${actionData.notice}`)}
            </p>
          ) : null}
          <input type="hidden" name="__shown" value={[...shown].join(",")} />
          <input type="hidden" name="_saved" value={actionData?.fingerprint ?? data.fingerprint} />
          <Honeypot name={HONEYPOT_FIELD} />
          {data.fromReview ? <input type="hidden" name="_return" value="review" /> : null}
          {section.questions.map((q) => (
            // A hidden question's wrapper is disabled too: its controls are neither checked nor sent.
            <fieldset
              key={q.id}
              className="qwrap"
              data-question={q.id}
              data-type={q.type}
              data-show-if={q.showIf ? JSON.stringify(q.showIf) : undefined}
              hidden={!shown.has(q.id) || undefined}
              disabled={!shown.has(q.id) || undefined}
            >
              <AddedItemContext.Provider value={added}>
                <QuestionField
                  question={q}
                  fields={fields as unknown as Record<string, FieldMetadata<unknown>>}
                  formId={formId}
                  questionnaire={questionnaire}
                />
              </AddedItemContext.Provider>
            </fieldset>
          ))}
          <script
            type="application/json"
            id="validation-messages"
            dangerouslySetInnerHTML={{ __html: data.validationMessages }}
          />
          {data.earlierAnswers ? (
            <script type="application/json" id="earlier-answers" dangerouslySetInnerHTML={{ __html: data.earlierAnswers }} />
          ) : null}
          <div className="actions">
            <button type="submit" name="_action" value="next">
              {data.isLast || data.fromReview ? t("common:form.toReview") : t("common:form.next")}
            </button>
            {data.isFirst ? null : (
              <button type="submit" name="_action" value="back" className="secondary" formNoValidate>
                {t("common:form.back")}
              </button>
            )}
            <button type="submit" name="_action" value="save" className="secondary" formNoValidate>
              {t("common:form.saveLater")}
            </button>
          </div>
        </Form>
      </FormProvider>
      {data.resumeCode ? (
        <p className="saved-note">
          {t("common:resume.savedNote", { code: data.resumeCode })}{" "}
          <Link to={`${data.base}/resume`}>{t("common:resume.howTo")}</Link>
        </p>
      ) : data.isFirst ? (
        <p className="saved-note">
          <Link to={`${data.base}/resume`}>{t("common:resume.title")}</Link>
        </p>
      ) : null}
    </CountryRegion.Provider>
  );
}
