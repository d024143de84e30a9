import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import Papa from "papaparse";
import { requireUser } from "~/auth/session.server";
import { FORMULA_TRIGGER } from "~/export/csv";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { listInvitations } from "~/models/invitation.server";
import { invitationLink } from "~/organiser/invitation-link.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
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
  const form = await readForm(request);
  const id = form.get("q");
  const questionnaire = getQuestionnaire(typeof id === "string" && id ? id : defaultQuestionnaireId);
  if (!questionnaire) {
    const t = fixedT(await languageOf(request), "organiser");
    return new Response(t("export.unknownQuestionnaire"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const rows = await listInvitations(db, questionnaire.id);
  const csv = Papa.unparse(
    rows.map((r) => ({
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      language: r.language,
      status: r.state,
      last_activity: r.lastActivity ?? "",
      link: invitationLink(request, r.id),
    })),
    { escapeFormulae: FORMULA_TRIGGER, newline: "\r\n" },
  );
  await logAudit(db, { actor: user, action: "invitations.export", targetType: "questionnaire", targetId: questionnaire.id, details: { count: rows.length } });
  return new Response(`\uFEFF${csv}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${questionnaire.id}-invitations.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
