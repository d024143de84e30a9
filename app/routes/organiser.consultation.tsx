import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Messages } from "~/components/messages";
import { requireUser } from "~/auth/session.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { consultationDates, parseDay, setConsultationDates } from "~/models/consultation.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

async function questionnaireOf(request: Request, value: FormDataEntryValue | string | null) {
  const questionnaire = getQuestionnaire(typeof value === "string" && value ? value : defaultQuestionnaireId);
  if (!questionnaire)
    throw new Response(fixedT(await languageOf(request), "organiser")("export.unknownQuestionnaire"), { status: 404 });
  return questionnaire;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageConsultation");
  const questionnaire = await questionnaireOf(request, new URL(request.url).searchParams.get("q"));
  return json({ questionnaireId: questionnaire.id, dates: await consultationDates(db, questionnaire.id) });
}

/** Sets the opening and closing days; changing the closing day later extends (or shortens) the consultation. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageConsultation");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const questionnaire = await questionnaireOf(request, form.get("q"));
  const day = (name: string) => {
    const value = String(form.get(name) ?? "").trim();
    return value ? (parseDay(value) ?? undefined) : null;
  };
  const opensOn = day("opensOn");
  const closesOn = day("closesOn");
  if (opensOn === undefined || closesOn === undefined)
    return json({ error: t("consultation.dateInvalid"), done: null }, { status: 400 });
  if (opensOn && closesOn && closesOn < opensOn)
    return json({ error: t("consultation.closesBeforeOpens"), done: null }, { status: 400 });
  await setConsultationDates(db, questionnaire, { opensOn, closesOn }, user.id);
  await logAudit(db, {
    actor: user,
    action: "consultation.dates",
    targetType: "questionnaire",
    targetId: questionnaire.id,
    details: { opensOn, closesOn },
  });
  return json({ error: null, done: t("consultation.saved") });
}

export default function Consultation() {
  const { questionnaireId, dates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  return (
    <>
      <h1>{t("consultation.title")}</h1>
      <p>{t("consultation.intro")}</p>
      <Messages error={actionData?.error} notice={actionData?.done} />
      <Form method="post">
        <input type="hidden" name="q" value={questionnaireId} />
        <div className="question">
          <label htmlFor="opensOn">{t("consultation.opensOn")}</label>
          <input id="opensOn" name="opensOn" type="date" defaultValue={dates.opensOn ?? ""} />
        </div>
        <div className="question">
          <label htmlFor="closesOn">{t("consultation.closesOn")}</label>
          <input id="closesOn" name="closesOn" type="date" defaultValue={dates.closesOn ?? ""} aria-describedby="closesOn-hint" />
          <p id="closesOn-hint" className="hint">
            {t("consultation.closesOnHint")}
          </p>
        </div>
        <button type="submit">{t("consultation.save")}</button>
      </Form>
    </>
  );
}
