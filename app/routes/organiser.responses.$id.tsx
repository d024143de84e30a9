import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Messages } from "~/components/messages";
import { useTranslation } from "react-i18next";
import { allows } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { findConsultation } from "~/models/consultation.server";
import { findResponseById, loadAnswerStates, reopenResponse, submissionHistory } from "~/models/response.server";
import { responseDetail } from "~/organiser/response-detail.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { formatCode, resumeCode, resumeToken } from "~/respondent/resume.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/public-origin.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { formatDateTime } from "~/utils/format-date";
import { TimeZoneNote } from "~/components/time-zone-note";
import { languageName } from "~/i18n/language-name";
import { AnswerText } from "~/components/answer-list";

export const meta = organiserMeta;

async function load(request: Request, id: string | undefined) {
  const t = fixedT(await languageOf(request), "organiser");
  const response = id && id.length <= 64 ? await findResponseById(db, id) : undefined;
  // Shown with the version it was answered in, not the latest.
  const questionnaire = response && getQuestionnaire(response.questionnaire_id, response.questionnaire_version);
  if (!response || !questionnaire) throw new Response(t("responses.notFound"), { status: 404 });
  return { response, questionnaire, t };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewResponses");
  const language = await languageOf(request);
  const { response, questionnaire } = await load(request, params.id);
  const mayReopen = allows(user.role, "reopenResponses");
  const origin = publicOrigin(request);
  // Older rows name no consultation: theirs is the one named by their questionnaire.
  const consultationId = response.consultation_id ?? response.questionnaire_id;
  return json({
    response,
    consultation: (await findConsultation(db, consultationId))?.name ?? consultationId,
    history: await submissionHistory(db, response.id),
    sections: responseDetail(questionnaire, await loadAnswerStates(db, response.id), language),
    mayReopen,
    // An admin can send these to the respondent after reopening.
    resume: mayReopen
      ? {
          link: `${origin}/q/${questionnaire.id}/resume?token=${resumeToken(response.id)}`,
          code: formatCode(resumeCode(response.id)),
        }
      : null,
  });
}

const MAX_REOPEN_REASON = 500;

const reply = (confirm: boolean, error: string | null, status = 200) => json({ confirm, error }, { status });

/**
 * Reopens a submitted response in two steps, like an erasure: "ask" shows what reopening does and
 * asks for a reason; "reopen" with a reason does it. The reason stays in the response's history.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "reopenResponses");
  const { response, t } = await load(request, params.id);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "ask") return reply(true, null);
  if (intent !== "reopen") return reply(false, t("responses.reopenUnknown"), 400);
  const reason = String(form.get("reason") ?? "").trim();
  if (!reason) return reply(true, t("responses.reasonRequired"), 400);
  if (reason.length > MAX_REOPEN_REASON) return reply(true, t("common:errors.tooLong", { max: MAX_REOPEN_REASON }), 400);
  if (!(await reopenResponse(db, response.id, { actorId: user.id, reason })))
    return reply(false, t("responses.notSubmitted"), 409);
  await logAudit(db, { actor: user, action: "response.reopen", targetType: "response", targetId: response.id });
  return redirect(`/organiser/responses/${response.id}`);
}

export default function ResponseDetail() {
  const { response, consultation, history, sections, mayReopen, resume } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("organiser");
  const when = (at: string) => formatDateTime(at, i18n.language);
  return (
    <>
      <h1>{t("responses.detailTitle", { id: response.id.slice(0, 8) })}</h1>
      <TimeZoneNote />
      <dl className="facts">
        <div>
          <dt>{t("consultationChoice.column")}</dt>
          <dd>{consultation}</dd>
        </div>
        <div>
          <dt>{t("responses.status")}</dt>
          <dd>{t(`status.${response.status}`)}</dd>
        </div>
        <div>
          <dt>{t("responses.language")}</dt>
          <dd>{languageName(response.language, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("responses.started")}</dt>
          <dd>{when(response.created_at)}</dd>
        </div>
        <div>
          <dt>{t("responses.submitted")}</dt>
          <dd>{response.submitted_at ? when(response.submitted_at) : "—"}</dd>
        </div>
        <div>
          <dt>{t("responses.version")}</dt>
          <dd>{response.questionnaire_version}</dd>
        </div>
      </dl>
      {history.length > 0 ? (
        <>
          <h2>{t("responses.history")}</h2>
          <ol className="history">
            {history.map((event, i) => (
              <li key={i}>
                {[
                  t(`responses.event.${event.kind}`, {
                    when: when(event.at),
                    who: event.actor ?? t("responses.formerAccount"),
                  }),
                  event.reason ? t("responses.eventReason", { reason: event.reason }) : "",
                ]
                  .join(" ")
                  .trim()}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <Messages error={actionData?.error} />
      {mayReopen && response.status === "submitted" ? (
        actionData?.confirm ? (
          <Form method="post" className="confirm">
            <h2>{t("responses.reopenConfirmTitle")}</h2>
            <p>{t("responses.reopenHint")}</p>
            <div className="question">
              <label htmlFor="reason">{t("responses.reason")}</label>
              <p className="hint" id="reason-hint">
                {t("responses.reasonHint")}
              </p>
              <textarea id="reason" name="reason" required maxLength={MAX_REOPEN_REASON} aria-describedby="reason-hint" />
            </div>
            <button type="submit" name="intent" value="reopen">
              {t("responses.reopenConfirm")}
            </button>{" "}
            <Link to={`/organiser/responses/${response.id}`}>{t("responses.reopenCancel")}</Link>
          </Form>
        ) : (
          <Form method="post">
            <p>{t("responses.reopenHint")}</p>
            <button type="submit" name="intent" value="ask">
              {t("responses.reopen")}
            </button>
          </Form>
        )
      ) : null}
      {resume && response.status === "draft" ? (
        <p>
          {t("responses.resumeFor")} <span className="secret">{resume.link}</span> · <span className="code">{resume.code}</span>
        </p>
      ) : null}
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`s-${section.id}`}>
          <h2 id={`s-${section.id}`}>{section.title}</h2>
          <dl className="review">
            {section.questions.map((q) => (
              <div key={q.id}>
                <dt>
                  {q.label} <span className="muted">[{q.id}]</span>
                </dt>
                <dd className={q.state === "answered" ? undefined : "muted"}>
                  {q.state === "answered" ? <AnswerText lines={q.lines} items={q.items} /> : t(`responses.states.${q.state}`)}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
