import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Honeypot, HONEYPOT_FIELD } from "~/components/honeypot";
import { compendiumContext, storedExampleName } from "~/compendium/examples.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { answerCitationRequest, findCitationRequestByTokenHash } from "~/models/compendium.server";
import { hashSecret } from "~/models/response.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { honeypotTripped } from "~/respondent/guards.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { formatDate } from "~/utils/format-date";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The request a link names, with the question in the reader's language; a 404 for a link that names none. */
async function requestOf(token: string, language: string) {
  const t = fixedT(language, "compendium");
  const request = token && token.length <= 64 ? await findCitationRequestByTokenHash(db, hashSecret(token)) : undefined;
  const questionnaire = request && getQuestionnaire(request.questionnaire_id);
  const ctx = questionnaire && compendiumContext(questionnaire);
  if (!request || !ctx) throw json(t("permission.unknown"), { status: 404 });
  const example = await storedExampleName(db, ctx, request.response_id, request.item_index);
  const consultation = fixedT(language, ctx.questionnaire.id)("title");
  return { request, question: t("permission.question", { example, title: consultation }), t };
}

/** "Ask me first": the link in the permission e-mail leads here; only the buttons below record anything. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const found = await requestOf(token, await languageOf(request));
  return json({
    title: found.t("permission.title"),
    token,
    question: found.question,
    answer: found.request.answer,
    answeredAt: found.request.answered_at,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const language = await languageOf(request);
  if (honeypotTripped(form)) throw json(fixedT(language)("errors.formRejected"), { status: 400 });
  const found = await requestOf(String(form.get("t") ?? ""), language);
  const answer = form.get("answer");
  if (answer !== "granted" && answer !== "refused") return json({ error: found.t("permission.chooseOne") }, { status: 400 });
  // The words the respondent answered, in the language they read them: the record of what was agreed.
  await answerCitationRequest(db, found.request.id, answer, `${found.question} — ${found.t(`permission.${answer}`)}`);
  await logAudit(db, {
    action: "compendium.citation.answer",
    targetType: "response",
    targetId: found.request.response_id,
    details: { answer },
  });
  return json({ error: null });
}

export default function CitationPermission() {
  const { token, question, answer, answeredAt } = useLoaderData<typeof loader>();
  const error = useActionData<typeof action>()?.error;
  const { t, i18n } = useTranslation("compendium");
  return (
    <>
      <h1>{t("permission.title")}</h1>
      {answer ? (
        <p role="status">
          {t(`permission.recorded.${answer}`, { date: answeredAt ? formatDate(answeredAt, i18n.language) : "" })}
        </p>
      ) : null}
      {error ? (
        <div className="summary" role="alert">
          {error}
        </div>
      ) : null}
      <Form method="post">
        <p>{question}</p>
        <p>{t("permission.explain")}</p>
        <input type="hidden" name="t" value={token} />
        <Honeypot name={HONEYPOT_FIELD} />
        <div className="actions">
          <button type="submit" name="answer" value="granted">
            {t("permission.grant")}
          </button>{" "}
          <button type="submit" name="answer" value="refused" className="secondary">
            {t("permission.refuse")}
          </button>
        </div>
      </Form>
    </>
  );
}
