import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { contactAddress, directoryFilters, directoryListing, listedRespondents } from "~/compendium/directory.server";
import { languagesFor, loadRespondents, type CompendiumContext } from "~/compendium/examples.server";
import { directoryLeaveLink } from "~/compendium/links.server";
import { compendiumMailToQueue, composeDirectoryMail } from "~/mail/compendium-mail.server";
import { mailDomain, type Sender } from "~/mail/invitation-mail.server";
import { directoryExits, directoryNotified, markDirectoryNotified } from "~/models/compendium.server";
import { queueMessages } from "~/models/outbox.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requireCompendium } from "./compendium.server";

/** The directory as the page and its CSV file show it: the signed-in user's view, filtered by `params`. */
export async function directoryPage(request: Request, params: URLSearchParams) {
  const found = await requireCompendium(request, "viewDirectory", params.get("q"));
  const { ctx, language } = found;
  const filters = directoryFilters(params);
  const [respondents, left, notified] = await Promise.all([loadRespondents(db, ctx), directoryExits(db), directoryNotified(db)]);
  const toNotify = listedRespondents(ctx, respondents, left).filter((r) => !notified.has(r.responseId));
  return { ...found, filters, toNotify, ...directoryListing(ctx, respondents, left, language, filters) };
}

/**
 * Tells everyone listed and not yet told that they are in the directory, each in their languages, with
 * the link to leave it; returns how many messages were queued.
 */
export async function notifyDirectory(
  database: Kysely<Database>,
  ctx: CompendiumContext,
  toNotify: Awaited<ReturnType<typeof directoryPage>>["toNotify"],
  sender: Sender,
  origin: string,
): Promise<number> {
  const messages = toNotify.map((r) => {
    const recipient = {
      responseId: r.responseId,
      to: contactAddress(ctx, r),
      languages: languagesFor(ctx, r),
      questionnaireId: ctx.questionnaire.id,
    };
    const composed = composeDirectoryMail(
      { ...recipient, leaveLink: (language) => directoryLeaveLink(origin, r.responseId, language) },
      sender,
    );
    return compendiumMailToQueue("directory", recipient, composed, sender);
  });
  await database.transaction().execute(async (trx) => {
    await queueMessages(trx, messages, mailDomain(env.MAIL_FROM));
    await markDirectoryNotified(
      trx,
      toNotify.map((r) => r.responseId),
    );
  });
  return messages.length;
}
