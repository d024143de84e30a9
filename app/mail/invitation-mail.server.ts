import { fixedT, supportedLanguages } from "~/i18n/i18next.server";
import { formatDay } from "~/utils/format-date";
import type { MessageToQueue } from "~/models/outbox.server";
import { invitationLink, invitationToken } from "~/organiser/invitation-link.server";

export type MailKind = "invitation" | "reminder";

export interface Invitee {
  id: string;
  name: string;
  email: string;
  organisation: string;
  language: string;
}

export interface Sender {
  name: string;
  /** Where replies go: the organiser who sends. */
  email: string;
}

/** Text safe inside the HTML part of a message. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page where an invitee says they will not take part, in their own language. */
export const declineLink = (origin: string, invitationId: string, language: string) =>
  `${origin}/i/decline?t=${invitationToken(invitationId)}&lng=${language}`;

/**
 * One invitation or reminder in the invitee's language, as plain text and HTML. The wording lives in the
 * locale files (common: mail.*); merge fields are escaped in the HTML part, never in the text part.
 */
export function composeMail(
  kind: MailKind,
  invitee: Invitee,
  questionnaireId: string,
  sender: Sender,
  origin: string,
  /** The consultation's closing day (YYYY-MM-DD), said in the message when there is one. */
  closesOn: string | null = null,
) {
  const language = supportedLanguages.includes(invitee.language) ? invitee.language : supportedLanguages[0]!;
  const t = fixedT(language, "common");
  const fields = {
    name: invitee.name,
    organisation: invitee.organisation,
    title: fixedT(language, questionnaireId)("title"),
    organiser: sender.name,
    replyTo: sender.email,
    date: closesOn ? formatDay(closesOn, language) : "",
  };
  const link = invitationLink(origin, invitee.id);
  const decline = declineLink(origin, invitee.id, language);
  const paragraphs = (values: typeof fields) => [
    t("mail.greeting", values),
    t(kind === "invitation" ? "mail.invitationBody" : "mail.reminderBody", values),
    ...(values.organisation ? [t("mail.organisationLine", values)] : []),
    ...(closesOn ? [t("mail.closingLine", values)] : []),
    t("mail.linkIntro"),
  ];
  const closing = (values: typeof fields) => [t("mail.declineIntro"), t("mail.signature", values), t("mail.replyLine", values)];
  const escaped = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, escapeHtml(v)])) as typeof fields;
  const [declineIntro, ...signature] = closing(escaped);
  const [declineText, ...signatureText] = closing(fields);
  const text = [...paragraphs(fields), link, "", declineText, decline, "", ...signatureText].join("\n");
  const html = [
    `<!DOCTYPE html><html lang="${language}"><body>`,
    ...paragraphs(escaped).map((p) => `<p>${p}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    `<p>${declineIntro} <a href="${escapeHtml(decline)}">${escapeHtml(t("mail.declineLink"))}</a></p>`,
    ...signature.map((p) => `<p>${p.replace(/\n/g, "<br>")}</p>`),
    "</body></html>",
  ].join("\n");
  return {
    subject: t(kind === "invitation" ? "mail.invitationSubject" : "mail.reminderSubject", fields),
    text,
    html,
    language,
  };
}

export function mailToQueue(
  kind: MailKind,
  invitee: Invitee,
  questionnaireId: string,
  sender: Sender,
  origin: string,
  closesOn: string | null = null,
) {
  const { subject, text, html } = composeMail(kind, invitee, questionnaireId, sender, origin, closesOn);
  return {
    invitationId: invitee.id,
    kind,
    to: invitee.email,
    replyTo: sender.email,
    subject,
    text,
    html,
  } satisfies MessageToQueue;
}

/** The domain of the sender's address, for Message-IDs. */
export function mailDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? "localhost";
}
