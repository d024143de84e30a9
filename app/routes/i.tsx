import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fixedT, languageCookie, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { findInvitationByToken, responseOfInvitation } from "~/models/invitation.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { resumeToken } from "~/respondent/resume.server";
import { db } from "~/utils/db.server";
import { invitationCookie } from "~/utils/invitation-cookie.server";
import { rememberResponse } from "~/utils/response-cookie.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * An invitation link (`/i?t=…`): opens the questionnaire in the invitee's language and ties
 * what they save to the invitation. It sets cookies only; the response is made at the first save.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const invitation = token && token.length <= 64 ? await findInvitationByToken(db, token) : undefined;
  const questionnaire = invitation && getQuestionnaire(invitation.questionnaire_id);
  if (!invitation || !questionnaire) {
    const t = fixedT(await languageOf(request));
    return json({ message: t("errors.invitationUnknown"), title: t("errors.invitationTitle") }, { status: 404 });
  }
  const headers = new Headers();
  const language = supportedLanguages.includes(invitation.language) ? invitation.language : null;
  if (language) headers.append("Set-Cookie", await languageCookie.serialize(language));
  const response = await responseOfInvitation(db, invitation.id);
  if (response) {
    headers.append("Set-Cookie", await rememberResponse(request, questionnaire.id, resumeToken(response.id)));
  } else {
    headers.append("Set-Cookie", await invitationCookie.serialize(token));
  }
  return redirect(`/q/${questionnaire.id}${language ? `?lng=${language}` : ""}`, { headers });
}

export default function InvitationProblem() {
  const { message } = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  return (
    <>
      <h1>{t("errors.invitationTitle")}</h1>
      <p>{message}</p>
    </>
  );
}
