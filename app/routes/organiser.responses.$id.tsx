import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allows } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { findResponseById, loadAnswerStates, reopenResponse } from "~/models/response.server";
import { responseDetail } from "~/organiser/response-detail.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { formatCode, resumeCode, resumeToken } from "~/respondent/resume.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/public-origin.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

async function load(request: Request, id: string | undefined) {
  const t = fixedT(await languageOf(request), "organiser");
  const response = id && id.length <= 64 ? await findResponseById(db, id) : undefined;
  const questionnaire = response && getQuestionnaire(response.questionnaire_id);
  if (!response || !questionnaire) throw new Response(t("responses.notFound"), { status: 404 });
  return { response, questionnaire, t };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewResponses");
  const language = await languageOf(request);
  const { response, questionnaire } = await load(request, params.id);
  const mayReopen = allows(user.role, "reopenResponses");
  const origin = publicOrigin(request);
  return json({
    response,
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

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "reopenResponses");
  const { response, t } = await load(request, params.id);
  if (!(await reopenResponse(db, response.id))) return json({ error: t("responses.notSubmitted") }, { status: 409 });
  await logAudit(db, { actor: user, action: "response.reopen", targetType: "response", targetId: response.id });
  return redirect(`/organiser/responses/${response.id}`);
}

export default function ResponseDetail() {
  const { response, sections, mayReopen, resume } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <h1>{t("responses.detailTitle", { id: response.id.slice(0, 8) })}</h1>
      <dl className="facts">
        <div>
          <dt>{t("responses.status")}</dt>
          <dd>{t(`status.${response.status}`)}</dd>
        </div>
        <div>
          <dt>{t("responses.language")}</dt>
          <dd>{response.language}</dd>
        </div>
        <div>
          <dt>{t("responses.started")}</dt>
          <dd>{when.format(new Date(response.created_at))} UTC</dd>
        </div>
        <div>
          <dt>{t("responses.submitted")}</dt>
          <dd>{response.submitted_at ? `${when.format(new Date(response.submitted_at))} UTC` : "—"}</dd>
        </div>
        <div>
          <dt>{t("responses.version")}</dt>
          <dd>{response.questionnaire_version}</dd>
        </div>
      </dl>
      {mayReopen && response.status === "submitted" ? (
        <Form method="post">
          <p>{t("responses.reopenHint")}</p>
          <button type="submit">{t("responses.reopen")}</button>
        </Form>
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
                  {q.state === "answered" ? (
                    q.lines.length === 1 ? (
                      q.lines[0]
                    ) : (
                      <ul>
                        {q.lines.map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                      </ul>
                    )
                  ) : (
                    t(`responses.states.${q.state}`)
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
