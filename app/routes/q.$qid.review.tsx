import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AnswerList } from "~/components/answer-list";
import { Honeypot, HONEYPOT_FIELD } from "~/components/honeypot";
import { consultationClosed, questionnaireClosed, respondentContext } from "~/respondent/context.server";
import { limitPublicSaves } from "~/respondent/guards.server";
import { isComplete, reviewOf } from "~/respondent/review.server";
import { submitReview } from "~/respondent/submit.server";
import { db } from "~/utils/db.server";
import type { RouteHandle } from "~/utils/route-handle";
import { readForm } from "~/utils/read-form.server";
import { markPageErrors, pageHasErrors } from "~/utils/page-errors.server";

// The script here only forgets the entries the questionnaire pages kept in the browser: they are saved.
export const handle: RouteHandle = { enhance: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await respondentContext(request, params.qid);
  const { questionnaire, response, stored, language, t } = ctx;
  if (!response) throw redirect(ctx.base);
  if (response.status === "submitted") throw redirect(`${ctx.base}/thanks?again=1`);
  if (ctx.consultation.state !== "open") throw consultationClosed(ctx);
  const review = reviewOf(questionnaire, stored.values, stored.otherTexts, language);
  return json({
    base: ctx.base,
    review,
    complete: isComplete(review),
    pageTitle: pageHasErrors(context) ? t("errorSummary.pageTitle", { title: t("review.title") }) : t("review.title"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await respondentContext(request, params.qid);
  const { language, t, base } = ctx;
  await limitPublicSaves(context, t);
  const outcome = await submitReview(db, ctx, await readForm(request));
  switch (outcome) {
    case "rejected":
      markPageErrors(context);
      return json({ error: t("errors.formRejected") }, { status: 400 });
    case "unstarted":
      throw redirect(base);
    case "alreadySubmitted":
      throw redirect(`${base}/thanks?again=1`);
    case "closed":
      throw consultationClosed(ctx);
    case "incomplete":
      markPageErrors(context);
      return json({ error: t("review.incomplete") }, { status: 400 });
    case "locked":
      throw questionnaireClosed(language);
    case "submitted":
      // This browser keeps the response: opening the link again shows its receipt, not a blank questionnaire.
      return redirect(`${base}/thanks`);
  }
}

export default function Review() {
  const { base, review, complete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("common");
  const incomplete = review.filter((section) => section.questions.some((q) => q.missing));
  return (
    <>
      <h1>{t("review.title")}</h1>
      <p>{t("review.intro")}</p>
      {actionData?.error || !complete ? (
        // After a refused submit, focus goes to the summary, which links to each section still incomplete.
        // eslint-disable-next-line jsx-a11y/no-autofocus -- moving focus to the errors is the point
        <div className="summary" role={actionData?.error ? "alert" : undefined} tabIndex={-1} autoFocus={!!actionData?.error}>
          <p>{actionData?.error ?? t("review.incomplete")}</p>
          {incomplete.length ? (
            <ul>
              {incomplete.map((section) => (
                <li key={section.id}>
                  <Link to={`${base}/s/${section.id}?from=review`}>{section.title}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <AnswerList
        sections={review}
        headExtra={(section) =>
          section.start ? null : (
            <Link to={`${base}/s/${section.id}?from=review`}>
              {t("review.change")}
              <span className="visually-hidden"> {section.title}</span>
            </Link>
          )
        }
      />
      <Form method="post" className="actions">
        <Honeypot name={HONEYPOT_FIELD} />
        <button type="submit">{t("form.submit")}</button>
      </Form>
    </>
  );
}
