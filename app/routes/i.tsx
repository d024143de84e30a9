import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DraftChoice } from "~/components/draft-choice";
import { fixedT, languageCookie, languageOf } from "~/i18n/i18next.server";
import { findConsultation, type Consultation } from "~/models/consultation.server";
import { findInvitationByToken, responseOfInvitation } from "~/models/invitation.server";
import { offeredLanguages } from "~/respondent/context.server";
import { consultationOfInvitation } from "~/respondent/start-response.server";
import { choiceBetweenDrafts } from "~/respondent/draft-choice.server";
import { honeypotTripped } from "~/respondent/guards.server";
import { resumeToken } from "~/respondent/resume.server";
import { db } from "~/utils/db.server";
import { invitationCookie } from "~/utils/invitation-cookie.server";
import { readForm } from "~/utils/read-form.server";
import { rememberResponse } from "~/utils/response-cookie.server";
import type { InvitationRow, ResponseRow } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The invitation a token names, with its consultation and its response (if one was started). */
async function invitationOf(token: string) {
  const invitation = token && token.length <= 64 ? await findInvitationByToken(db, token) : undefined;
  const consultation = invitation && (await findConsultation(db, consultationOfInvitation(invitation)));
  if (!invitation || !consultation) return null;
  return { invitation, consultation, response: (await responseOfInvitation(db, invitation.id)) ?? null };
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
  consultation: Consultation,
  response: ResponseRow | null,
) {
  const headers = new Headers();
  // The invitee's language, when the consultation offers it; otherwise its pages pick among those it does.
  const language = offeredLanguages(consultation).includes(invitation.language) ? invitation.language : null;
  if (language) headers.append("Set-Cookie", await languageCookie.serialize(language));
  headers.append("Set-Cookie", await rememberResponse(request, consultation.id, response ? resumeToken(response.id) : null));
  if (!response) headers.append("Set-Cookie", await invitationCookie.serialize(token));
  return redirect(`/q/${consultation.id}${language ? `?lng=${language}` : ""}`, { headers });
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
  const { invitation, consultation, response } = found;
  const drafts = await choiceBetweenDrafts(db, request, consultation.id, response);
  if (!drafts) return openInvitation(request, token, invitation, consultation, response);
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
  if (form.get("choice") === "browser") return redirect(`/q/${found.consultation.id}`);
  return openInvitation(request, token, found.invitation, found.consultation, found.response);
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
