import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCodedCsv } from "~/export/coded-csv.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { requireOrganiser } from "~/utils/organiser-guard.server";

/** The coded CSV of one questionnaire (?q=id, the default one otherwise). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const url = new URL(request.url);
  const questionnaire = getQuestionnaire(url.searchParams.get("q") ?? defaultQuestionnaireId);
  if (!questionnaire) {
    return new Response(fixedT(await languageOf(request))("errors.notFound"), { status: 404 });
  }
  const { csv } = await exportCodedCsv(db, questionnaire, { includeDrafts: url.searchParams.get("drafts") === "1" });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${questionnaire.id}-v${questionnaire.version}-coded-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
