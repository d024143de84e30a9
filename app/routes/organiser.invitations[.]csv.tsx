import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { invitationFilterFrom } from "~/organiser/invitation-filter";
import { requireUser } from "~/auth/session.server";
import { downloadResponse, startDownload } from "~/export/download.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { publicOrigin } from "~/utils/public-origin.server";
import { requireOneConsultation } from "~/organiser/current-consultation.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

/** The file is made by a POST from its page; a GET leads there. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageInvitations");
  return redirect("/organiser/invitations");
}

/** The invitation list as CSV, with links and statuses. A POST: it is written to the audit log. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageInvitations");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const { questionnaire, consultation } = await requireOneConsultation(db, request, form);
  // In a worker like the datasets: a list imported from a large CSV is no reason to keep respondents waiting.
  const filter = invitationFilterFrom(form, consultation.id);
  const download = await startDownload({
    kind: "invitations",
    questionnaireId: questionnaire.id,
    origin: publicOrigin(request),
    filter,
  });
  if (download.status === "ready") {
    await logAudit(db, {
      actor: user,
      action: "invitations.export",
      targetType: "questionnaire",
      targetId: questionnaire.id,
      // Whether a search narrowed the list, not its words: a search is often a person's name.
      details: { ...download.details, unfinishedOnly: filter.unfinishedOnly, searched: filter.search !== "" },
    });
  }
  return downloadResponse(download, t);
}
