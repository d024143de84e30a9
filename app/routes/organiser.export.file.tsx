import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { allows } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { downloadResponse, startDownload } from "~/export/download.server";
import { FORMATS, type ExportFormat } from "~/export/export.server";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { listConsultations } from "~/models/consultation.server";
import { readFilters } from "~/organiser/filters";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** The file is made by a POST from the export page; a GET leads there. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "exportData");
  return redirect("/organiser/export");
}

/** The download behind the export page: a POST, since it writes the audit log and no GET changes data. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "exportData");
  const language = await languageOf(request);
  const t = fixedT(language, "organiser");
  const form = await readForm(request);
  const params = new URLSearchParams();
  for (const [k, v] of form) if (typeof v === "string") params.append(k, v);
  const questionnaire = getQuestionnaire(params.get("q") ?? defaultQuestionnaireId);
  if (!questionnaire) return text(t("export.unknownQuestionnaire"), 404);
  const format = params.get("format") ?? "coded";
  if (!FORMATS.includes(format as ExportFormat)) return text(t("export.unknownFormat"), 400);
  const { filters, problems } = readFilters(
    params,
    questionnaire.id,
    { languages: supportedLanguages, variables: questionnaire.organiserFilters ?? [] },
    { statuses: ["submitted"] },
  );
  if (problems.length) return text(t("filters.invalid", { values: problems.join(", ") }), 400);
  const labelLanguage = params.get("labels") ?? language;
  if (!questionnaire.languages.includes(labelLanguage)) return text(t("export.unknownLanguage"), 400);
  // Consultations ticked, all of this questionnaire's; none sent at all (a script, an old form): all of them.
  const known = (await listConsultations(db, questionnaire.id)).map((c) => c.id);
  const ticked = params.getAll("c").filter(Boolean);
  const unknown = ticked.filter((c) => !known.includes(c));
  if (unknown.length) return text(t("export.unknownConsultation", { values: unknown.join(", ") }), 400);
  if (!ticked.length && params.get("c_offered") === "1") return text(t("export.noConsultation"), 400);
  const consultations = ticked.length ? [...new Set(ticked)] : undefined;
  const includePersonal = params.get("personal") === "1";
  if (includePersonal && !allows(user.role, "exportPersonalData")) return text(t("export.personalForbidden"), 403);

  // Made in a worker thread: respondents are served while it runs (app/export/download.server.ts).
  const download = await startDownload({
    kind: "dataset",
    questionnaireId: questionnaire.id,
    request: {
      format: format as ExportFormat,
      filters,
      language: labelLanguage,
      includePersonal,
      joinedMultiple: params.get("joined") === "1",
      neutraliseFormulas: params.get("raw") !== "1",
      bom: params.get("nobom") !== "1",
      codes: params.get("codes") === "1",
      consultations,
    },
  });
  if (download.status === "ready") {
    await logAudit(db, {
      actor: user,
      action: "export",
      targetType: "questionnaire",
      targetId: questionnaire.id,
      details: {
        format,
        labels: labelLanguage,
        includePersonal,
        consultations: consultations ?? known,
        filters: params.toString(),
      },
    });
  }
  return downloadResponse(download, t);
}
