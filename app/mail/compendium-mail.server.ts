import { fixedT } from "~/i18n/i18next.server";
import type { MessageToQueue } from "~/models/outbox.server";
import { escapeHtml, type Sender } from "./invitation-mail.server";

/** What one language of a message says: its subject, paragraphs, and links each with an introduction. */
interface Part {
  subject: string;
  paragraphs: string[];
  links: Array<{ intro: string; url: string; text: string }>;
  signature: string;
}

/**
 * One message in every language given, one after the other (the respondent's own first), as plain text
 * and HTML. Fields are escaped in the HTML part only: `part` gets the escape to apply to its fields.
 */
function bilingual(languages: string[], part: (language: string, field: (value: string) => string) => Part) {
  const parts = languages.map((language) => {
    const text = part(language, (v) => v);
    const html = part(language, escapeHtml);
    return {
      subject: text.subject,
      text: [...text.paragraphs, ...text.links.flatMap((l) => ["", l.intro, l.url]), "", text.signature].join("\n"),
      html: [
        `<div lang="${language}">`,
        ...html.paragraphs.map((p) => `<p>${p}</p>`),
        ...html.links.map((l) => `<p>${l.intro} <a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></p>`),
        `<p>${html.signature.replace(/\n/g, "<br>")}</p>`,
        "</div>",
      ].join("\n"),
    };
  });
  return {
    subject: parts.map((p) => p.subject).join(" / "),
    text: parts.map((p) => p.text).join("\n\n----------\n\n"),
    html: `<!DOCTYPE html><html lang="${languages[0]}"><body>\n${parts.map((p) => p.html).join("\n<hr>\n")}\n</body></html>`,
  };
}

/** Who a Compendium message is for, and in which languages. */
export interface Recipient {
  responseId: string;
  to: string;
  /** The respondent's language first, then the questionnaire's others. */
  languages: string[];
  questionnaireId: string;
}

const fieldsOf = (language: string, questionnaireId: string, sender: Sender, field: (v: string) => string) => ({
  title: field(fixedT(language, questionnaireId)("title")),
  organiser: field(sender.name),
  replyTo: field(sender.email),
});

export interface CitationMail extends Recipient {
  /** The example's name as the respondent wrote it. */
  example: string;
  /** The personal link to grant or refuse, per language. */
  link: (language: string) => string;
  /** The link to leave the stakeholder directory, per language, when the respondent is listed. */
  leaveLink: ((language: string) => string) | null;
}

/** The request to cite an "ask me first" example. Wording in locales (compendium: mail.*). */
export function composeCitationMail(mail: CitationMail, sender: Sender) {
  return bilingual(mail.languages, (language, field) => {
    const t = fixedT(language, "compendium");
    const fields = { ...fieldsOf(language, mail.questionnaireId, sender, field), example: field(mail.example) };
    return {
      subject: t("mail.subject", fields),
      paragraphs: [t("mail.greeting"), t("mail.body", fields)],
      links: [
        { intro: t("mail.linkIntro"), url: mail.link(language), text: t("mail.linkText") },
        ...(mail.leaveLink
          ? [{ intro: t("mail.leaveIntro"), url: mail.leaveLink(language), text: t("mail.leaveLinkText") }]
          : []),
      ],
      signature: t("mail.signature", fields),
    };
  });
}

export interface DirectoryMail extends Recipient {
  leaveLink: (language: string) => string;
}

/** Tells a respondent they are in the stakeholder directory, and how to leave it. */
export function composeDirectoryMail(mail: DirectoryMail, sender: Sender) {
  return bilingual(mail.languages, (language, field) => {
    const t = fixedT(language, "compendium");
    const fields = fieldsOf(language, mail.questionnaireId, sender, field);
    return {
      subject: t("directoryMail.subject"),
      paragraphs: [t("mail.greeting"), t("directoryMail.body", fields)],
      links: [{ intro: t("mail.leaveIntro"), url: mail.leaveLink(language), text: t("mail.leaveLinkText") }],
      signature: t("mail.signature", fields),
    };
  });
}

export function compendiumMailToQueue(
  kind: "citation" | "directory",
  recipient: Recipient,
  composed: ReturnType<typeof bilingual>,
  sender: Sender,
): MessageToQueue {
  return { invitationId: null, responseId: recipient.responseId, kind, to: recipient.to, replyTo: sender.email, ...composed };
}
