import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { allows } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { exportCodedCsv } from "~/export/coded-csv.server";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { readFilters } from "~/organiser/filters";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** The file is made by a POST from its page; a GET leads there. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "exportData");
  return redirect("/organiser/export");
}

/** The download behind the export page: a POST, since it writes the audit log and no GET changes data. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "exportData");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await request.formData();
  const params = new URLSearchParams();
  for (const [k, v] of form) if (typeof v === "string") params.append(k, v);
  const questionnaire = getQuestionnaire(params.get("q") ?? defaultQuestionnaireId);
  if (!questionnaire) return text(t("export.unknownQuestionnaire"), 404);
  const { filters, problems } = readFilters(
    params,
    questionnaire.id,
    { languages: supportedLanguages, variables: questionnaire.organiserFilters ?? [] },
    { statuses: ["submitted"] },
  );
  if (problems.length) return text(t("filters.invalid", { values: problems.join(", ") }), 400);
  const includePersonal = params.get("personal") === "1";
  if (includePersonal && !allows(user.role, "exportPersonalData")) {
    return text(t("export.personalForbidden"), 403);
  }
  const { csv, count } = await exportCodedCsv(db, questionnaire, { filters, includePersonal });
  await logAudit(db, {
    actor: user,
    action: "export",
    targetType: "questionnaire",
    targetId: questionnaire.id,
    details: { format: "coded-csv", count, includePersonal, filters: params.toString() },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${questionnaire.id}-v${questionnaire.version}-coded-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

