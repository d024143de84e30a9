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
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "codeAnswers");
  const language = await languageOf(request);
  const questionnaire = getQuestionnaire(new URL(request.url).searchParams.get("q") ?? defaultQuestionnaireId);
  if (!questionnaire) throw new Response(fixedT(language, "organiser")("export.unknownQuestionnaire"), { status: 404 });
  const t = fixedT(language, questionnaire.id);
  const questions = openQuestions(questionnaire);
  const [progress, themes, users] = await Promise.all([
    codingProgress(
      db,
      questionnaire.id,
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
  const found = await agreement(db, questionnaire.id, themes);
  return json({
    questionnaireId: questionnaire.id,
    hasThemes: themes.length > 0,
    questions: questions.map((q) => ({ id: q.id, label: t(wordingKey.label(q.id)), ...progress.get(q.id)! })),
    agreement: found.agreement.map((a) => ({
      question: a.variable,
      coders: [name(a.coders[0]), name(a.coders[1])],
      theme: label(a.theme),
      items: a.items,
      percent: a.percent,
      kappa: a.kappa,
    })),
    disagreements: found.disagreements.map((d) => ({
      question: d.variable,
      responseId: d.responseId,
      coders: [name(d.coders[0]), name(d.coders[1])],
      themes: d.themes.map((ids) => ids.map(label).sort()),
    })),
  });
}

export default function Coding() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  const themeList = (labels: string[]) => (labels.length ? labels.join("; ") : t("coding.noThemeShort"));
  const q = data.questionnaireId;
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
                  <Link to={`/organiser/coding/${question.id}?q=${q}`}>{question.label}</Link>{" "}
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
      {data.agreement.length === 0 ? (
        <p>{t("coding.noAgreement")}</p>
      ) : (
        <TableScroll>
          <table>
            <caption className="visually-hidden">{t("coding.agreement")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("coding.question")}</th>
                <th scope="col">{t("coding.coderA")}</th>
                <th scope="col">{t("coding.coderB")}</th>
                <th scope="col">{t("coding.theme")}</th>
                <th scope="col">{t("coding.items")}</th>
                <th scope="col">{t("coding.percent")}</th>
                <th scope="col">{t("coding.kappa")}</th>
              </tr>
            </thead>
            <tbody>
              {data.agreement.map((a, i) => (
                <tr key={i}>
                  <td>{a.question}</td>
                  <td>{a.coders[0]}</td>
                  <td>{a.coders[1]}</td>
                  <td>{a.theme}</td>
                  <td>{a.items}</td>
                  <td>{a.percent === null ? t("coding.undefined") : percent.format(a.percent)}</td>
                  <td>{a.kappa === null ? t("coding.undefined") : number.format(a.kappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {data.agreement.length === 0 ? null : (
        <>
          <h2>{t("coding.disagreements")}</h2>
          {data.disagreements.length === 0 ? (
            <p>{t("coding.noDisagreements")}</p>
          ) : (
            <TableScroll>
              <table>
                <caption className="visually-hidden">{t("coding.disagreements")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("coding.question")}</th>
                    <th scope="col">{t("coding.coderA")}</th>
                    <th scope="col">{t("coding.themesColumn")}</th>
                    <th scope="col">{t("coding.coderB")}</th>
                    <th scope="col">{t("coding.themesColumn")}</th>
                    <th scope="col">{t("coding.openAnswer")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.disagreements.map((d, i) => (
                    <tr key={i}>
                      <td>{d.question}</td>
                      <td>{d.coders[0]}</td>
                      <td>{themeList(d.themes[0]!)}</td>
                      <td>{d.coders[1]}</td>
                      <td>{themeList(d.themes[1]!)}</td>
                      <td>
                        <Link to={`/organiser/coding/${d.question}?q=${q}&answer=${d.responseId}#code-${d.responseId}`}>
                          {t("coding.openAnswer")}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </>
  );
}
