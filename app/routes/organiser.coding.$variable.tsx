import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Messages } from "~/components/messages";
import { requireUser } from "~/auth/session.server";
import { wordingKey } from "~/engine/wording";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import {
  answerPosition,
  answersToCode,
  codableResponseIds,
  codingProgress,
  listThemes,
  saveCodings,
} from "~/models/coding.server";
import { openQuestions, themeWording } from "~/organiser/coding.server";
import { withChoice } from "~/organiser/choice-link";
import { requireOneConsultation } from "~/organiser/current-consultation.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

const PAGE = 10;
const MAX_NOTE = 2000;

/** The question to code, among the answers of the consultation the address names. */
async function context(request: Request, variable: string | undefined) {
  const language = await languageOf(request);
  const t = fixedT(language, "organiser");
  const { questionnaire, scope, params } = await requireOneConsultation(db, request);
  const question = openQuestions(questionnaire).find((q) => q.id === variable);
  if (!question) throw new Response(t("coding.unknownQuestion"), { status: 404 });
  return { language, t, questionnaire, question, scope, params };
}

function pageOf(url: URL): number {
  return Math.max(1, Math.min(100_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "codeAnswers");
  const url = new URL(request.url);
  const { language, t, questionnaire, question, scope, params: choice } = await context(request, params.variable);
  // `answer=<response id>` opens the page that holds that answer (the agreement view links there).
  const answer = url.searchParams.get("answer");
  let page = pageOf(url);
  if (answer) {
    const position = await answerPosition(db, scope, question.id, answer.slice(0, 64));
    if (position === undefined) throw new Response(t("coding.unknownAnswer"), { status: 404 });
    page = Math.floor(position / PAGE) + 1;
  }
  const [answers, themes, progress] = await Promise.all([
    answersToCode(db, scope, question.id, user.id, { limit: PAGE, offset: (page - 1) * PAGE }),
    listThemes(db, questionnaire.id),
    codingProgress(db, scope, [question.id], user.id),
  ]);
  return json({
    choice: { params: choice },
    variable: question.id,
    label: fixedT(language, questionnaire.id)(wordingKey.label(question)),
    page,
    total: progress.get(question.id)!.total,
    first: (page - 1) * PAGE + 1,
    answers,
    themes: themes.map((th) => ({ id: th.id, code: th.code, ...themeWording(th, language) })),
  });
}

/**
 * Saves the page: an answer is coded when its themes or "no theme applies" are ticked; its note is
 * kept either way. Answers left as they were are not written. Without script, by keyboard.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "codeAnswers");
  const url = new URL(request.url);
  const { t, questionnaire, question, scope, params: choice } = await context(request, params.variable);
  const form = await readForm(request);
  const themeIds = new Set((await listThemes(db, questionnaire.id)).map((th) => th.id));
  const responseIds = form
    .getAll("answer")
    .filter((v): v is string => typeof v === "string" && v.length <= 64)
    .slice(0, PAGE);
  const first = (pageOf(url) - 1) * PAGE + 1;
  const items = [];
  for (const [index, responseId] of responseIds.entries()) {
    const chosen = [...new Set(form.getAll(`themes.${responseId}`).map(String))];
    const none = form.get(`none.${responseId}`) !== null;
    const note = String(form.get(`note.${responseId}`) ?? "").trim();
    if (chosen.some((id) => !themeIds.has(id))) return json({ error: t("coding.badTheme"), saved: false }, { status: 400 });
    if (chosen.length && none)
      return json({ error: t("coding.themesAndNone", { n: first + index }), saved: false }, { status: 400 });
    if (note.length > MAX_NOTE) return json({ error: t("coding.noteTooLong"), saved: false }, { status: 400 });
    items.push({ responseId, coded: chosen.length > 0 || none, themeIds: chosen, note });
  }
  // Only answers that exist for this question are coded: anything else in the form is ignored.
  const known = await codableResponseIds(
    db,
    scope,
    question.id,
    items.map((i) => i.responseId),
  );
  const changed = await saveCodings(
    db,
    user.id,
    question.id,
    items.filter((i) => known.has(i.responseId)),
  );
  await logAudit(db, {
    actor: user,
    action: "coding.save",
    targetType: "question",
    targetId: question.id,
    details: { answers: changed },
  });
  const next = form.get("next");
  if (typeof next === "string" && /^\d{1,6}$/.test(next))
    return redirect(withChoice({ params: choice }, `/organiser/coding/${question.id}?page=${next}`));
  return json({ error: null, saved: true });
}

export default function CodeAnswers() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  const last = data.first + data.answers.length - 1;
  const hasNext = last < data.total;
  return (
    <>
      <p>
        <Link to={withChoice(data.choice, "/organiser/coding")}>{t("coding.back")}</Link>
      </p>
      <h1>{data.label}</h1>
      <p className="muted">
        [{data.variable}] · {t("coding.pageOf", { from: data.answers.length ? data.first : 0, to: last, total: data.total })}
      </p>
      <p>{t("coding.howCoded")}</p>
      <Messages error={actionData?.error} notice={actionData?.saved ? t("coding.saved") : null} />
      {data.themes.length === 0 ? <p className="notice">{t("coding.noThemes")}</p> : null}
      <Form method="post" action={withChoice(data.choice, `/organiser/coding/${data.variable}?page=${data.page}`)}>
        {data.answers.map((answer, i) => {
          const n = data.first + i;
          return (
            <section key={answer.responseId} id={`code-${answer.responseId}`} className="item" aria-labelledby={`answer-${n}`}>
              <h2 id={`answer-${n}`}>{t("coding.answer", { n })}</h2>
              <p className="muted">{answer.coded ? t("coding.coded") : t("coding.notCoded")}</p>
              <input type="hidden" name="answer" value={answer.responseId} />
              <blockquote className="answer-text">{answer.text}</blockquote>
              <fieldset>
                <legend>{t("coding.themesFor", { n })}</legend>
                <div className="theme-grid">
                  {data.themes.map((theme) => {
                    const id = `t-${n}-${theme.code}`;
                    return (
                      <div className="choice" key={theme.id}>
                        <input
                          type="checkbox"
                          id={id}
                          name={`themes.${answer.responseId}`}
                          value={theme.id}
                          defaultChecked={answer.themeIds.includes(theme.id)}
                        />
                        <label htmlFor={id} title={theme.description}>
                          {theme.label}
                        </label>
                      </div>
                    );
                  })}
                </div>
                <div className="choice">
                  <input
                    type="checkbox"
                    id={`none-${n}`}
                    name={`none.${answer.responseId}`}
                    defaultChecked={answer.coded && answer.themeIds.length === 0}
                  />
                  <label htmlFor={`none-${n}`}>{t("coding.noTheme")}</label>
                </div>
              </fieldset>
              <div className="question">
                <label htmlFor={`note-${n}`}>{t("coding.note", { n })}</label>
                <textarea
                  id={`note-${n}`}
                  name={`note.${answer.responseId}`}
                  defaultValue={answer.note}
                  maxLength={MAX_NOTE}
                  rows={2}
                />
              </div>
            </section>
          );
        })}
        <div className="actions">
          <button type="submit">{t("coding.save")}</button>
          {hasNext ? (
            <button type="submit" name="next" value={data.page + 1} className="secondary">
              {t("coding.save")} → {t("coding.next")}
            </button>
          ) : null}
        </div>
      </Form>
      <nav aria-label={t("responses.pages")} className="pager">
        {data.page > 1 ? <Link to={withChoice(data.choice, `?page=${data.page - 1}`)}>{t("coding.previous")}</Link> : null}
        {hasNext ? <Link to={withChoice(data.choice, `?page=${data.page + 1}`)}>{t("coding.next")}</Link> : null}
      </nav>
    </>
  );
}
