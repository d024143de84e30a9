import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Honeypot, HONEYPOT_FIELD } from "~/components/honeypot";
import { responseOfLeaveToken } from "~/compendium/links.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { hasLeftDirectory, leaveDirectory } from "~/models/compendium.server";
import { findResponseById } from "~/models/response.server";
import { honeypotTripped } from "~/respondent/guards.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

async function responseOf(token: string, language: string) {
  const responseId = token.length <= 160 ? responseOfLeaveToken(token) : null;
  const response = responseId ? await findResponseById(db, responseId) : undefined;
  if (!response) throw json(fixedT(language, "compendium")("leave.unknown"), { status: 404 });
  return response;
}

/** "Remove me from the directory": the link in the e-mails leads here; only the button below changes anything. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const language = await languageOf(request);
  const response = await responseOf(token, language);
  return json({ title: fixedT(language, "compendium")("leave.title"), token, left: await hasLeftDirectory(db, response.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const language = await languageOf(request);
  if (honeypotTripped(form)) throw json(fixedT(language)("errors.formRejected"), { status: 400 });
  const response = await responseOf(String(form.get("t") ?? ""), language);
  if (await leaveDirectory(db, response.id))
    await logAudit(db, { action: "hub.leave", targetType: "response", targetId: response.id });
  return json({ done: true });
}

export default function LeaveDirectory() {
  const { token, left } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done || left;
  const { t } = useTranslation("compendium");
  return (
    <>
      <h1>{t("leave.title")}</h1>
      {done ? (
        <p role="status">{t("leave.done")}</p>
      ) : (
        <Form method="post">
          <p>{t("leave.body")}</p>
          <input type="hidden" name="t" value={token} />
          <Honeypot name={HONEYPOT_FIELD} />
          <div className="actions">
            <button type="submit">{t("leave.confirm")}</button>
          </div>
        </Form>
      )}
    </>
  );
}
