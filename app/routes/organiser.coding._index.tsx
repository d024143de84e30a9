import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { TableScroll } from "~/components/table-scroll";
import { wordingKey } from "~/engine/wording";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { codingProgress, listThemes } from "~/models/coding.server";
import { listUsers } from "~/models/user.server";
import { agreement, openQuestions } from "~/organiser/coding.server";
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
  const label = (theme: { label_en: string; label_es: string }) => (language === "es" ? theme.label_es : theme.label_en);
  const name = (id: string) => users.find((u) => u.id === id)?.name ?? "—";
  return json({
    questionnaireId: questionnaire.id,
    hasThemes: themes.length > 0,
    questions: questions.map((q) => ({ id: q.id, label: t(wordingKey.label(q.id)), ...progress.get(q.id)! })),
    agreement: (await agreement(db, questionnaire.id, themes)).map((a) => ({
      question: a.variable,
      coders: [name(a.coders[0]), name(a.coders[1])],
      theme: label(themes.find((th) => th.id === a.theme)!),
      items: a.items,
      kappa: a.kappa,
    })),
  });
}

export default function Coding() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
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
                  <td>{a.kappa === null ? t("coding.undefined") : number.format(a.kappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
