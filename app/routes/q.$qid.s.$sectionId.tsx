import { FormProvider, getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuestionField } from "~/components/questions";
import type { Answers } from "~/engine/conditions";
import { toFormDefaults } from "~/engine/form-values";
import { computeVisibility, visibleSections } from "~/engine/visibility";
import { wordingKey } from "~/engine/wording";
import { createResponse, newResumeToken, saveSection, submitResponse } from "~/models/response.server";
import { findSection, respondentContext } from "~/respondent/context.server";
import { answersToStore, earlierAnswersFor, hiddenElsewhere, shownIn, validateSection } from "~/respondent/save-section.server";
import { db } from "~/utils/db.server";
import { rememberResponse } from "~/utils/response-cookie.server";
import type { RouteHandle } from "~/utils/route-handle";

export const handle: RouteHandle = { enhance: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await respondentContext(request, params.qid);
  const { questionnaire, response, stored, language } = ctx;
  const section = findSection(questionnaire, params.sectionId, language);
  if (response?.status === "submitted") throw redirect(`/q/${questionnaire.id}/thanks`);
  const visibility = computeVisibility(questionnaire, stored.values);
  const sections = visibleSections(questionnaire, visibility);
  const index = sections.findIndex((s) => s.id === section.id);
  if (index === -1) throw redirect(`/q/${questionnaire.id}`);
  return json({
    questionnaire,
    sectionId: section.id,
    position: { index: index + 1, total: sections.length },
    isFirst: index === 0,
    isLast: index === sections.length - 1,
    shown: shownIn(section, questionnaire, stored.values),
    earlierAnswers: earlierAnswersFor(questionnaire, section, stored.values),
    defaults: toFormDefaults(section, stored.values, stored.otherTexts),
    pageTitle: `${ctx.t(wordingKey.sectionTitle(section.id), { ns: questionnaire.id })} – ${ctx.t(wordingKey.title(), { ns: questionnaire.id })}`,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await respondentContext(request, params.qid);
  const { questionnaire, language, t } = ctx;
  const section = findSection(questionnaire, params.sectionId, language);
  if (ctx.response?.status === "submitted") {
    return json({ result: null, shown: [], formError: t("errors.questionnaireClosed"), notice: null }, { status: 409 });
  }
  const formData = await request.formData();
  const { intent, shown, appeared, submission } = validateSection(questionnaire, section, ctx.stored.values, formData, t);
  if (submission.status !== "success") {
    return json(
      { result: submission.reply() as SubmissionResult<string[]>, shown, formError: null, notice: null },
      { status: submission.status === "error" ? 400 : 200 },
    );
  }

  const values = submission.value as Record<string, unknown>;
  const merged: Answers = { ...ctx.stored.values, ...(values as Answers) };
  for (const q of section.questions) if (!shown.includes(q.id)) delete (merged as Record<string, unknown>)[q.id];

  let response = ctx.response;
  let newToken: string | null = null;
  if (!response) {
    const token = (newToken = newResumeToken());
    response = await createResponse(db, {
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      language,
      token,
    });
  }

  const sections = visibleSections(questionnaire, computeVisibility(questionnaire, merged));
  const here = sections.findIndex((s) => s.id === section.id);
  const stay = appeared.length > 0 || intent === "save";
  const target = stay ? section : intent === "back" ? (sections[here - 1] ?? section) : sections[here + 1];
  await saveSection(db, {
    responseId: response.id,
    language,
    currentSection: (target ?? section).id,
    answers: answersToStore(section, shown, values),
    notShown: hiddenElsewhere(questionnaire, merged, section),
  });

  const headers = new Headers();
  if (!target) {
    // Past the last section: the response is complete and this browser forgets it.
    await submitResponse(db, response.id);
    headers.append("Set-Cookie", await rememberResponse(request, questionnaire.id, null));
    return redirect(`/q/${questionnaire.id}/thanks`, { headers });
  }
  if (newToken) headers.append("Set-Cookie", await rememberResponse(request, questionnaire.id, newToken));
  if (appeared.length > 0) {
    // New questions appeared on this page because of its answers: show them before moving on.
    return json(
      { result: submission.reply() as SubmissionResult<string[]>, shown, formError: null, notice: "form.moreQuestions" },
      { headers },
    );
  }
  return redirect(`/q/${questionnaire.id}/s/${target.id}`, { headers });
}

export default function SectionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { questionnaire, sectionId, position } = data;
  const section = questionnaire.sections.find((s) => s.id === sectionId)!;
  const shown = new Set(actionData?.shown?.length ? actionData.shown : data.shown);
  const { t } = useTranslation([questionnaire.id, "common"]);
  const formId = `section-${section.id}`;
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData?.result ?? undefined,
    defaultValue: data.defaults,
    shouldValidate: "onSubmit",
  });
  const hasErrors = Boolean(actionData?.result?.error && Object.keys(actionData.result.error).length > 0);
  return (
    <>
      {data.isFirst ? (
        <>
          <p className="lead">{t(wordingKey.title())}</p>
          <p>{t(wordingKey.intro())}</p>
        </>
      ) : null}
      <p className="progress">{t("common:form.progress", { index: position.index, total: position.total })}</p>
      <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} noValidate={false} data-section={section.id}>
        {/* Enter in a field presses the first submit button: make that one "next", not "back" or "add". */}
        <button type="submit" name="_action" value="next" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t("common:form.next")}
        </button>
        <h1>{t(wordingKey.sectionTitle(section.id))}</h1>
        {section.intro ? <p>{t(wordingKey.sectionIntro(section.id))}</p> : null}
        {actionData?.formError || hasErrors ? (
          <div className="summary" role="alert" tabIndex={-1}>
            {actionData?.formError ?? t("common:form.errorSummary")}
          </div>
        ) : null}
        {actionData?.notice ? (
          <p className="notice" role="status">
            {t(`common:${actionData.notice}`)}
          </p>
        ) : null}
        <input type="hidden" name="__shown" value={[...shown].join(",")} />
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
            <QuestionField
              question={q}
              fields={fields as unknown as Record<string, FieldMetadata<unknown>>}
              formId={formId}
              questionnaire={questionnaire}
            />
          </fieldset>
        ))}
        {data.earlierAnswers ? (
          <script type="application/json" id="earlier-answers" dangerouslySetInnerHTML={{ __html: data.earlierAnswers }} />
        ) : null}
        <div className="actions">
          {data.isFirst ? null : (
            <button type="submit" name="_action" value="back" className="secondary" formNoValidate>
              {t("common:form.back")}
            </button>
          )}
          <button type="submit" name="_action" value="next">
            {data.isLast ? t("common:form.submit") : t("common:form.next")}
          </button>
        </div>
      </Form>
      </FormProvider>
    </>
  );
}
