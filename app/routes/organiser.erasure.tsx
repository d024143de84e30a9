import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Messages } from "~/components/messages";
import { requireUser } from "~/auth/session.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { eraseInvitation, eraseResponse } from "~/models/erasure.server";
import { findInvitationByEmail } from "~/models/invitation.server";
import { findResponseByCode } from "~/models/response.server";
import { normalizeCode } from "~/respondent/resume.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "eraseData");
  return json({ questionnaireId: new URL(request.url).searchParams.get("q") ?? defaultQuestionnaireId });
}

/**
 * Erases one respondent everywhere (answers, personal data, coding), found by the resume code
 * they quote or by the email they were invited at. Written to the audit log without personal data.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "eraseData");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const questionnaire = getQuestionnaire(String(form.get("q") ?? defaultQuestionnaireId));
  if (!questionnaire) return json({ error: t("export.unknownQuestionnaire"), done: null }, { status: 404 });
  if (form.get("confirm") !== "yes") return json({ error: t("erasure.confirmRequired"), done: null }, { status: 400 });
  if (form.get("by") === "code") {
    const code = normalizeCode(String(form.get("code") ?? "")).slice(0, 40);
    const response = code ? await findResponseByCode(db, questionnaire.id, code) : undefined;
    if (!response) return json({ error: t("erasure.codeUnknown"), done: null }, { status: 404 });
    await eraseResponse(db, response.id);
    await logAudit(db, { actor: user, action: "erasure", targetType: "response", targetId: response.id, details: { by: "resume code" } });
    return json({ error: null, done: t("erasure.done") });
  }
  const email = String(form.get("email") ?? "").trim().slice(0, 254);
  const invitation = email ? await findInvitationByEmail(db, questionnaire.id, email) : undefined;
  if (!invitation) return json({ error: t("erasure.emailUnknown"), done: null }, { status: 404 });
  const erased = await eraseInvitation(db, invitation.id);
  await logAudit(db, { actor: user, action: "erasure", targetType: "invitation", targetId: invitation.id, details: { by: "invitation", responses: erased.responses } });
  return json({ error: null, done: t("erasure.done") });
}

export default function Erasure() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  const confirm = (id: string) => (
    <div className="choice">
      <input type="checkbox" id={id} name="confirm" value="yes" required />
      <label htmlFor={id}>{t("erasure.confirm")}</label>
    </div>
  );
  return (
    <>
      <h1>{t("erasure.title")}</h1>
      <p>{t("erasure.intro")}</p>
      <Messages error={actionData?.error} notice={actionData?.done} />
      <h2>{t("erasure.byCode")}</h2>
      <Form method="post">
        <input type="hidden" name="by" value="code" />
        <div className="question">
          <label htmlFor="erase-code">{t("erasure.code")}</label>
          <input id="erase-code" name="code" required maxLength={40} autoComplete="off" />
        </div>
        {confirm("confirm-code")}
        <div className="actions">
          <button type="submit">{t("erasure.submit")}</button>
        </div>
      </Form>
      <h2>{t("erasure.byInvitation")}</h2>
      <Form method="post">
        <input type="hidden" name="by" value="invitation" />
        <div className="question">
          <label htmlFor="erase-email">{t("erasure.email")}</label>
          <input id="erase-email" name="email" type="email" required maxLength={254} autoComplete="off" />
        </div>
        {confirm("confirm-email")}
        <div className="actions">
          <button type="submit">{t("erasure.submit")}</button>
        </div>
      </Form>
    </>
  );
}
