import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { consultationDates } from "~/models/consultation.server";
import { inviteesToInvite, inviteesToRemind } from "~/models/invitation.server";
import { queueMessages } from "~/models/outbox.server";
import { env } from "~/utils/env.server";
import { composeMail, mailDomain, mailToQueue, type MailKind, type Sender } from "./invitation-mail.server";

/** Who a send reaches: the chosen invitations, or (none chosen) everyone not yet invited / everyone due a reminder. */
export interface Audience {
  questionnaireId: string;
  kind: MailKind;
  ids: string[] | null;
}

export async function recipientsOf(db: Kysely<Database>, { questionnaireId, kind, ids }: Audience, now = new Date()) {
  if (kind === "invitation") return inviteesToInvite(db, questionnaireId, ids);
  return inviteesToRemind(db, questionnaireId, ids, new Date(now.getTime() - env.REMINDER_INTERVAL_DAYS * 86_400_000));
}

/** What the first recipient would receive, and how many would; nothing is written. */
export async function previewMail(db: Kysely<Database>, audience: Audience, sender: Sender, origin: string) {
  const recipients = await recipientsOf(db, audience);
  const { closesOn } = await consultationDates(db, audience.questionnaireId);
  const first = recipients[0];
  return {
    count: recipients.length,
    names: recipients.slice(0, 20).map((r) => r.name),
    sample: first
      ? { to: first.email, ...composeMail(audience.kind, first, audience.questionnaireId, sender, origin, closesOn) }
      : null,
  };
}

/** Queues one message per recipient, in one statement: the request does no more, the outbox loop sends. */
export async function queueMail(db: Kysely<Database>, audience: Audience, sender: Sender, origin: string) {
  const recipients = await recipientsOf(db, audience);
  const { closesOn } = await consultationDates(db, audience.questionnaireId);
  await db.transaction().execute((trx) =>
    queueMessages(
      trx,
      recipients.map((r) => mailToQueue(audience.kind, r, audience.questionnaireId, sender, origin, closesOn)),
      mailDomain(env.MAIL_FROM),
    ),
  );
  return recipients.length;
}
