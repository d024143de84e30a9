import { fixedT } from "~/i18n/i18next.server";
import type { MessageToQueue } from "~/models/outbox.server";
import { escapeHtml, type Sender } from "./invitation-mail.server";

export interface CitationMail {
  responseId: string;
  to: string;
  /** The respondent's language first, then the questionnaire's others: the message says everything in each. */
  languages: string[];
  questionnaireId: string;
  /** The example's name as the respondent wrote it. */
  example: string;
  /** The personal link to grant or refuse, per language. */
  link: (language: string) => string;
  /** The link to leave the stakeholder directory, per language, when the respondent is listed. */
  leaveLink: ((language: string) => string) | null;
}

/**
 * The request to cite an "ask me first" example, in every language of the questionnaire, one after the
 * other. Wording in locales (compendium: mail.*); merge fields escaped in the HTML part only.
 */
export function composeCitationMail(mail: CitationMail, sender: Sender) {
  const parts = mail.languages.map((language) => {
    const t = fixedT(language, "compendium");
    const fields = {
      example: mail.example,
      title: fixedT(language, mail.questionnaireId)("title"),
      organiser: sender.name,
      replyTo: sender.email,
    };
    const escaped = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, escapeHtml(v)])) as typeof fields;
    const link = mail.link(language);
    const leave = mail.leaveLink?.(language) ?? null;
    const paragraphs = (values: typeof fields) => [t("mail.greeting"), t("mail.body", values), t("mail.linkIntro")];
    const text = [
      ...paragraphs(fields),
      link,
      ...(leave ? ["", t("mail.leaveIntro"), leave] : []),
      "",
      t("mail.signature", fields),
    ].join("\n");
    const html = [
      `<div lang="${language}">`,
      ...paragraphs(escaped).map((p) => `<p>${p}</p>`),
      `<p><a href="${escapeHtml(link)}">${escapeHtml(t("mail.linkText"))}</a></p>`,
      ...(leave
        ? [`<p>${t("mail.leaveIntro")} <a href="${escapeHtml(leave)}">${escapeHtml(t("mail.leaveLinkText"))}</a></p>`]
        : []),
      `<p>${t("mail.signature", escaped).replace(/\n/g, "<br>")}</p>`,
      "</div>",
    ].join("\n");
    return { subject: t("mail.subject", fields), text, html };
  });
  return {
    subject: parts.map((p) => p.subject).join(" / "),
    text: parts.map((p) => p.text).join("\n\n----------\n\n"),
    html: `<!DOCTYPE html><html lang="${mail.languages[0]}"><body>\n${parts.map((p) => p.html).join("\n<hr>\n")}\n</body></html>`,
  };
}

export function citationMailToQueue(mail: CitationMail, sender: Sender): MessageToQueue {
  return {
    invitationId: null,
    responseId: mail.responseId,
    kind: "citation",
    to: mail.to,
    replyTo: sender.email,
    ...composeCitationMail(mail, sender),
  };
}
