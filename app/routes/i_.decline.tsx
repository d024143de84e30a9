import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Honeypot, HONEYPOT_FIELD } from "~/components/honeypot";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { declineInvitation, findInvitationByToken } from "~/models/invitation.server";
import { honeypotTripped } from "~/respondent/guards.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

async function invitationOf(token: string) {
  return token && token.length <= 64 ? findInvitationByToken(db, token) : undefined;
}

/** "I will not take part": the link in every e-mail leads here; only the button below changes anything. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const t = fixedT(await languageOf(request));
  const invitation = await invitationOf(token);
  if (!invitation) throw json(t("errors.invitationUnknown"), { status: 404 });
  return json({ title: t("decline.title"), token, declined: invitation.declined_at !== null });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const t = fixedT(await languageOf(request));
  if (honeypotTripped(form)) throw json(t("errors.formRejected"), { status: 400 });
  const invitation = await invitationOf(String(form.get("t") ?? ""));
  if (!invitation) throw json(t("errors.invitationUnknown"), { status: 404 });
  if (!invitation.declined_at) {
    await declineInvitation(db, invitation.id);
    await logAudit(db, { action: "invitation.decline", targetType: "invitation", targetId: invitation.id });
  }
  return json({ done: true });
}

export default function Decline() {
  const { token, declined } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done || declined;
  const { t } = useTranslation("common");
  return (
    <>
      <h1>{t("decline.title")}</h1>
      {done ? (
        <p role="status">{t("decline.done")}</p>
      ) : (
        <Form method="post">
          <p>{t("decline.body")}</p>
          <input type="hidden" name="t" value={token} />
          <Honeypot name={HONEYPOT_FIELD} />
          <div className="actions">
            <button type="submit">{t("decline.confirm")}</button>
          </div>
        </Form>
      )}
    </>
  );
}
