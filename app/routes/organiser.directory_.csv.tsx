import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { bomFor, csvRows } from "~/export/csv";
import { logAudit } from "~/models/audit.server";
import { requireCompendium } from "~/organiser/compendium.server";
import { directoryPage } from "~/organiser/directory-page.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

/** The file is made by a POST from the directory page; a GET leads there. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { withQuestionnaire } = await requireCompendium(request, "viewDirectory", new URL(request.url).searchParams.get("q"));
  return redirect(withQuestionnaire("/organiser/directory"));
}

/** The CSV file of the listing as filtered: a POST, so that each download of contact details is audited. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const params = new URLSearchParams([...form].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const { user, t, ctx, filters, rows } = await directoryPage(request, params);
  const header = ["name", "organisation", "email", "language", "orgType", "country", "sector"] as const;
  const csv = csvRows([header.map((h) => t(`directory.column.${h}`)), ...rows.map((r) => header.map((h) => r[h]))]);
  await logAudit(db, {
    actor: user,
    action: "hub.export",
    targetType: "questionnaire",
    targetId: ctx.questionnaire.id,
    details: { rows: rows.length, filters },
  });
  return new Response(bomFor({}) + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="directory-${ctx.questionnaire.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
