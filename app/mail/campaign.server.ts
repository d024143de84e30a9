import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { findConsultation } from "~/models/consultation.server";
import type { ConsultationScope } from "~/models/consultation-scope.server";
import { inviteesToInvite, inviteesToRemind } from "~/models/invitation.server";
import { queueMessages } from "~/models/outbox.server";
import { env } from "~/utils/env.server";
import { composeMail, mailDomain, mailToQueue, type MailKind, type Sender } from "./invitation-mail.server";

/**
 * Who a send reaches, among one consultation's invitations: the chosen ones, or (none chosen) everyone
 * not yet invited / everyone due a reminder.
 */
export interface Audience {
  scope: ConsultationScope & { consultationId: string };
  kind: MailKind;
  ids: string[] | null;
}

export async function recipientsOf(db: Kysely<Database>, { scope, kind, ids }: Audience, now = new Date()) {
  if (kind === "invitation") return inviteesToInvite(db, scope, ids);
  return inviteesToRemind(db, scope, ids, new Date(now.getTime() - env.REMINDER_INTERVAL_DAYS * 86_400_000));
}

/** The consultation's closing day: what its messages say. */
async function closingDay(db: Kysely<Database>, audience: Audience) {
  return (await findConsultation(db, audience.scope.consultationId))?.closesOn ?? null;
}

/** What the first recipient would receive, and how many would; nothing is written. */
export async function previewMail(db: Kysely<Database>, audience: Audience, sender: Sender, origin: string) {
  const recipients = await recipientsOf(db, audience);
  const closesOn = await closingDay(db, audience);
  const { questionnaireId } = audience.scope;
  const first = recipients[0];
  return {
    count: recipients.length,
    names: recipients.slice(0, 20).map((r) => r.name),
    sample: first ? { to: first.email, ...composeMail(audience.kind, first, questionnaireId, sender, origin, closesOn) } : null,
  };
}

/** Queues one message per recipient, in one statement: the request does no more, the outbox loop sends. */
export async function queueMail(db: Kysely<Database>, audience: Audience, sender: Sender, origin: string) {
  const recipients = await recipientsOf(db, audience);
  const closesOn = await closingDay(db, audience);
  await db.transaction().execute((trx) =>
    queueMessages(
      trx,
      recipients.map((r) => mailToQueue(audience.kind, r, audience.scope.questionnaireId, sender, origin, closesOn)),
      mailDomain(env.MAIL_FROM),
    ),
  );
  return recipients.length;
}
