import type { Kysely } from "kysely";
import type { Database, ResponseRow } from "../../db/schema";
import type { Answers } from "~/engine/conditions";
import type { Questionnaire } from "~/engine/definition";
import { computeVisibility } from "~/engine/visibility";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";
import { escapeHtml, mailDomain } from "~/mail/invitation-mail.server";
import { formatDay } from "~/utils/format-date";
import { queueMessageOnce, receiptMessageId } from "~/models/outbox.server";
import type { StoredAnswers } from "~/models/response.server";
import { env } from "~/utils/env.server";
import { reviewOf, type ReviewSection } from "./review.server";

/**
 * The reference a respondent quotes about a submission: the first eight hexadecimal digits of the
 * response id, in two groups (random, so one in four billion could share it; organisers find the
 * response by the start of its id).
 */
export function receiptReference(responseId: string): string {
  const hex = responseId.replace(/-/g, "").toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/**
 * The e-mail address a respondent gave: the answer to a shown question of type e-mail that the
 * definition marks personal (contact details, not an answer about the topic). Null when none.
 */
export function respondentEmail(questionnaire: Questionnaire, answers: Answers): string | null {
  const { questions } = computeVisibility(questionnaire, answers);
  for (const q of questionnaire.sections.flatMap((s) => s.questions)) {
    const value = answers[q.id];
    if (q.type === "email" && q.personal && questions.has(q.id) && typeof value === "string" && value) return value;
  }
  return null;
}

export interface Receipt {
  reference: string;
  /** The day of submission, said in the language of the page. */
  submittedOn: string;
  sections: ReviewSection[];
  /** Where a copy can be sent, when the respondent gave an address. */
  email: string | null;
}

/** What a submitted response's receipt shows: its reference, its day and every answer in words. */
export function receiptOf(questionnaire: Questionnaire, response: ResponseRow, stored: StoredAnswers, language: string): Receipt {
  return {
    reference: receiptReference(response.id),
    submittedOn: formatDay((response.submitted_at ?? response.updated_at).slice(0, 10), language),
    sections: reviewOf(questionnaire, stored.values, stored.otherTexts, language),
    email: respondentEmail(questionnaire, stored.values),
  };
}

/** The receipt as an e-mail in the respondent's language: plain text and HTML (answers escaped). */
export function composeReceiptMail(questionnaire: Questionnaire, receipt: Receipt, language: string) {
  const t = fixedT(language, "common");
  const fields = {
    title: fixedT(language, questionnaire.id)(wordingKey.title()),
    reference: receipt.reference,
    date: receipt.submittedOn,
  };
  const contact = [fixedT(language, questionnaire.id)(wordingKey.privacy("contact")), env.PRIVACY_CONTACT ?? ""]
    .filter(Boolean)
    .join(" ");
  const noAnswer = t("review.noAnswer");
  const text = [
    t("mail.receiptIntro", fields),
    "",
    ...receipt.sections.flatMap((section) => [
      section.title.toUpperCase(),
      ...section.questions.flatMap((q) => [q.label, ...(q.lines.length ? q.lines : [noAnswer]).map((l) => `  ${l}`)]),
      "",
    ]),
    t("mail.receiptContact", { contact }),
  ].join("\n");
  const e = (s: string) => escapeHtml(s);
  const html = [
    `<!DOCTYPE html><html lang="${language}"><body>`,
    `<p>${e(t("mail.receiptIntro", fields))}</p>`,
    ...receipt.sections.flatMap((section) => [
      `<h2>${e(section.title)}</h2>`,
      "<dl>",
      ...section.questions.map(
        (q) =>
          `<dt><strong>${e(q.label)}</strong></dt>${(q.lines.length ? q.lines : [noAnswer]).map((l) => `<dd>${e(l)}</dd>`).join("")}`,
      ),
      "</dl>",
    ]),
    `<p>${e(t("mail.receiptContact", { contact }))}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject: t("mail.receiptSubject", fields), text, html };
}

/**
 * Queues the receipt of a submitted response to the address the respondent gave, once: asking again
 * (a second click, a resent form) queues nothing. The Message-ID is the response's, so it is unique.
 */
export async function mailReceipt(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  response: ResponseRow,
  receipt: Receipt & { email: string },
  language: string,
): Promise<"queued" | "alreadyQueued"> {
  const { subject, text, html } = composeReceiptMail(questionnaire, receipt, language);
  const message = {
    invitationId: null,
    kind: "receipt" as const,
    to: receipt.email,
    replyTo: env.PRIVACY_CONTACT ?? null,
    subject,
    text,
    html,
  };
  const queued = await queueMessageOnce(db, message, receiptMessageId(response.id, mailDomain(env.MAIL_FROM)));
  return queued ? "queued" : "alreadyQueued";
}
