import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { SelectField, TextField } from "~/components/organiser/field";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { deleteInvitation, findInvitationById, updateInvitation } from "~/models/invitation.server";
import { invitationSchema } from "~/organiser/invitation-schema";
import { findConsultation } from "~/models/consultation.server";
import { consultationIdOf } from "~/models/consultation-scope.server";
import { languagesOffered } from "~/organiser/current-consultation.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { readForm } from "~/utils/read-form.server";

export const meta = organiserMeta;

async function invitationOr404(request: Request, id: string | undefined) {
  const invitation = id ? await findInvitationById(db, id) : undefined;
  if (!invitation) throw new Response(fixedT(await languageOf(request))("errors.notFound"), { status: 404 });
  return invitation;
}

/** The languages the invitation may be written in (its consultation's), and its consultation's list to go back to. */
async function consultationOf(invitation: { consultation_id: string | null; questionnaire_id: string }) {
  const id = consultationIdOf(invitation);
  const consultation = await findConsultation(db, id);
  const query = new URLSearchParams({ q: invitation.questionnaire_id, ...(id === invitation.questionnaire_id ? {} : { c: id }) });
  return {
    languages: consultation ? languagesOffered(consultation) : supportedLanguages,
    back: `/organiser/invitations?${query}`,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "manageInvitations");
  const invitation = await invitationOr404(request, params.id);
  return json({ invitation, languages: (await consultationOf(invitation)).languages });
}

/** Edits or deletes one invitation; both are written to the audit log. Its link stays the same. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageInvitations");
  const invitation = await invitationOr404(request, params.id);
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const { languages, back } = await consultationOf(invitation);
  if (form.get("intent") === "delete") {
    if (form.get("confirm") !== "yes") return json({ result: null, error: t("edit.confirmMissing") }, { status: 400 });
    await deleteInvitation(db, invitation.id);
    await logAudit(db, {
      actor: user,
      action: "invitation.delete",
      targetType: "invitation",
      targetId: invitation.id,
      details: { email: invitation.email },
    });
    return redirect(back);
  }
  const submission = parseWithZod(form, { schema: invitationSchema(t, languages) });
  if (submission.status !== "success")
    return json({ result: submission.reply() as SubmissionResult<string[]>, error: null }, { status: 400 });
  if (!(await updateInvitation(db, invitation.id, submission.value)))
    return json(
      {
        result: submission.reply({ fieldErrors: { email: [t("invitations.alreadyInvited")] } }) as SubmissionResult<string[]>,
        error: null,
      },
      { status: 409 },
    );
  const changed = Object.keys(submission.value).filter(
    (k) => submission.value[k as keyof typeof submission.value] !== invitation[k as keyof typeof invitation],
  );
  await logAudit(db, {
    actor: user,
    action: "invitation.edit",
    targetType: "invitation",
    targetId: invitation.id,
    details: { changed },
  });
  return redirect(back);
}

export default function EditInvitation() {
  const { invitation, languages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  const [form, fields] = useForm({ id: "edit", lastResult: actionData?.result ?? undefined, defaultValue: invitation });
  return (
    <>
      <h1>{t("edit.title", { name: invitation.name })}</h1>
      <p>
        <Link to={`/organiser/invitations?q=${invitation.questionnaire_id}`}>{t("edit.back")}</Link>
      </p>
      <Form method="post" {...getFormProps(form)}>
        <TextField meta={fields.name} label={t("invitations.name")} required />
        <TextField meta={fields.email} label={t("invitations.email")} type="email" required />
        <TextField meta={fields.organisation} label={t("invitations.organisation")} />
        <SelectField
          meta={fields.language}
          label={t("invitations.language")}
          options={languages.map((l) => ({ value: l, label: t(`common:language.names.${l}`, { defaultValue: l }) }))}
        />
        <TextField meta={fields.country} label={t("edit.country")} />
        <TextField meta={fields.region} label={t("edit.region")} />
        <TextField meta={fields.sector} label={t("edit.sector")} />
        <div className="actions">
          <button type="submit">{t("edit.save")}</button>
        </div>
      </Form>
      <h2>{t("edit.deleteTitle")}</h2>
      {actionData?.error ? (
        <div className="summary" role="alert">
          {actionData.error}
        </div>
      ) : null}
      <p>{t("edit.deleteHint")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="delete" />
        <div className="question">
          <input type="checkbox" id="confirm-delete" name="confirm" value="yes" required />{" "}
          <label htmlFor="confirm-delete">{t("edit.confirmDelete")}</label>
        </div>
        <button type="submit" className="secondary">
          {t("edit.delete")}
        </button>
      </Form>
    </>
  );
}
