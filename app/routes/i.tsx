import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Questionnaire } from "~/engine/definition";
import { DraftChoice } from "~/components/draft-choice";
import { fixedT, languageCookie, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { findInvitationByToken, responseOfInvitation } from "~/models/invitation.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { choiceBetweenDrafts } from "~/respondent/draft-choice.server";
import { honeypotTripped } from "~/respondent/guards.server";
import { resumeToken } from "~/respondent/resume.server";
import { db } from "~/utils/db.server";
import { invitationCookie } from "~/utils/invitation-cookie.server";
import { readForm } from "~/utils/read-form.server";
import { rememberResponse } from "~/utils/response-cookie.server";
import type { InvitationRow, ResponseRow } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The invitation a token names, with its questionnaire and its response (if one was started). */
async function invitationOf(token: string) {
  const invitation = token && token.length <= 64 ? await findInvitationByToken(db, token) : undefined;
  const questionnaire = invitation && getQuestionnaire(invitation.questionnaire_id);
  if (!invitation || !questionnaire) return null;
  return { invitation, questionnaire, response: (await responseOfInvitation(db, invitation.id)) ?? null };
}

/**
 * Opens the questionnaire in the invitee's language and ties what they save to the invitation:
 * this browser continues the invitation's response, or forgets the response it held and makes
 * the invitation's at the first save. It sets cookies only.
 */
async function openInvitation(
  request: Request,
  token: string,
  invitation: InvitationRow,
  questionnaire: Questionnaire,
  response: ResponseRow | null,
) {
  const headers = new Headers();
  const language = supportedLanguages.includes(invitation.language) ? invitation.language : null;
  if (language) headers.append("Set-Cookie", await languageCookie.serialize(language));
  headers.append("Set-Cookie", await rememberResponse(request, questionnaire.id, response ? resumeToken(response.id) : null));
  if (!response) headers.append("Set-Cookie", await invitationCookie.serialize(token));
  return redirect(`/q/${questionnaire.id}${language ? `?lng=${language}` : ""}`, { headers });
}

/**
 * An invitation link (`/i?t=…`). When this browser holds another draft of the questionnaire,
 * the page first asks which to continue: opening the link must not silently replace it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const found = await invitationOf(token);
  const t = fixedT(await languageOf(request));
  if (!found)
    return json({ message: t("errors.invitationUnknown"), title: t("errors.invitationTitle"), choice: null }, { status: 404 });
  const { invitation, questionnaire, response } = found;
  const drafts = await choiceBetweenDrafts(db, request, questionnaire.id, response);
  if (!drafts) return openInvitation(request, token, invitation, questionnaire, response);
  return json({ message: null, title: t("draftChoice.title"), choice: { drafts, token } });
}

/** The answer to that question: keep this browser's draft, or take the invitation's. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const t = fixedT(await languageOf(request));
  if (honeypotTripped(form)) throw json(t("errors.formRejected"), { status: 400 });
  const token = String(form.get("t") ?? "");
  const found = await invitationOf(token);
  if (!found) throw json(t("errors.invitationUnknown"), { status: 404 });
  if (form.get("choice") === "browser") return redirect(`/q/${found.questionnaire.id}`);
  return openInvitation(request, token, found.invitation, found.questionnaire, found.response);
}

export default function Invitation() {
  const { message, choice } = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  if (choice) return <DraftChoice choice={choice.drafts} action="/i" linkFields={{ t: choice.token }} />;
  return (
    <>
      <h1>{t("errors.invitationTitle")}</h1>
      <p>{message}</p>
    </>
  );
}
