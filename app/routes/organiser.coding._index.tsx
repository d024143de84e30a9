import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { TableScroll } from "~/components/table-scroll";
import { wordingKey } from "~/engine/wording";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { codingProgress, listThemes } from "~/models/coding.server";
import { listUsers } from "~/models/user.server";
import { agreement, openQuestions, themeWording } from "~/organiser/coding.server";
import { withChoice } from "~/organiser/choice-link";
import { requireOneConsultation } from "~/organiser/current-consultation.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "codeAnswers");
  const language = await languageOf(request);
  // The answers are the chosen consultation's; the themes are the questionnaire's, shared by its consultations.
  const { questionnaire, scope, params } = await requireOneConsultation(db, request);
  const t = fixedT(language, questionnaire.id);
  const questions = openQuestions(questionnaire);
  const [progress, themes, users] = await Promise.all([
    codingProgress(
      db,
      scope,
      questions.map((q) => q.id),
      user.id,
    ),
    listThemes(db, questionnaire.id),
    listUsers(db),
  ]);
  const label = (id: string) =>
    themeWording(
      themes.find((th) => th.id === id)!,
      language,
    ).label;
  const name = (id: string) => users.find((u) => u.id === id)?.name ?? "—";
  const found = await agreement(db, scope, themes);
  const labelled = questions.map((q) => ({ id: q.id, label: t(wordingKey.label(q)) }));
  return json({
    choice: { params },
    hasThemes: themes.length > 0,
    questions: labelled.map((q) => ({ ...q, ...progress.get(q.id)! })),
    // One compact table per question that two coders have both coded.
    agreement: labelled
      .map((q) => ({
        ...q,
        rows: found.agreement
          .filter((a) => a.variable === q.id)
          .map((a) => ({
            coders: `${name(a.coders[0])} – ${name(a.coders[1])}`,
            theme: label(a.theme),
            items: a.items,
            percent: a.percent,
            kappa: a.kappa,
          })),
        disagreements: found.disagreements
          .filter((d) => d.variable === q.id)
          .map((d) => ({
            responseId: d.responseId,
            coders: [name(d.coders[0]), name(d.coders[1])],
            themes: d.themes.map((ids) => ids.map(label).sort()),
          })),
      }))
      .filter((q) => q.rows.length > 0 || q.disagreements.length > 0),
  });
}

export default function Coding() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  const themeList = (labels: string[]) => (labels.length ? labels.join(", ") : t("coding.noThemeShort"));
  return (
    <>
      <h1>{t("coding.title")}</h1>
      <p>{t("coding.intro")}</p>
      {data.hasThemes ? null : <p className="notice">{t("coding.noThemes")}</p>}
      <TableScroll>
        <table>
          <caption className="visually-hidden">{t("coding.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("coding.question")}</th>
              <th scope="col">{t("coding.progress")}</th>
            </tr>
          </thead>
          <tbody>
            {data.questions.map((question) => (
              <tr key={question.id}>
                <td>
                  <Link to={withChoice(data.choice, `/organiser/coding/${question.id}`)}>{question.label}</Link>{" "}
                  <span className="muted">[{question.id}]</span>
                </td>
                <td>{`${question.coded} / ${question.total}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t("coding.agreement")}</h2>
      <p>{t("coding.agreementIntro")}</p>
      {data.agreement.length === 0 ? <p>{t("coding.noAgreement")}</p> : null}
      {data.agreement.map((question) => (
        <section key={question.id} aria-labelledby={`agreement-${question.id}`}>
          <h3 id={`agreement-${question.id}`}>
            {question.label} <span className="muted">[{question.id}]</span>
          </h3>
          <TableScroll>
            <table className="agreement">
              <caption className="visually-hidden">{t("coding.agreementOf", { question: question.label })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("coding.coders")}</th>
                  <th scope="col">{t("coding.theme")}</th>
                  <th scope="col">{t("coding.items")}</th>
                  <th scope="col">{t("coding.percent")}</th>
                  <th scope="col">{t("coding.kappa")}</th>
                </tr>
              </thead>
              <tbody>
                {question.rows.map((a, i) => (
                  <tr key={i}>
                    <td>{a.coders}</td>
                    <td>{a.theme}</td>
                    <td>{a.items}</td>
                    <td>{a.percent === null ? t("coding.undefined") : percent.format(a.percent)}</td>
                    <td>{a.kappa === null ? t("coding.undefined") : number.format(a.kappa)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h4>{t("coding.disagreements")}</h4>
          {question.disagreements.length === 0 ? (
            <p>{t("coding.noDisagreements")}</p>
          ) : (
            <ul className="disagreements">
              {question.disagreements.map((d) => (
                <li key={`${d.responseId}-${d.coders.join()}`}>
                  <Link
                    to={`${withChoice(data.choice, `/organiser/coding/${question.id}?answer=${d.responseId}`)}#code-${d.responseId}`}
                  >
                    {t("coding.disagreement", {
                      coder: d.coders[0],
                      themes: themeList(d.themes[0]!),
                      other: d.coders[1],
                      otherThemes: themeList(d.themes[1]!),
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
