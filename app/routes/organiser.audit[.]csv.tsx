import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { bomFor, csvRows } from "~/export/csv";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { readableEntries, readAuditFilter } from "~/organiser/audit-log.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

/** The most entries one CSV holds (narrow the filters for older ones). */
const EXPORT_LIMIT = 100_000;

/** The file is made by a POST from the log's page; a GET leads there. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "readAuditLog");
  return redirect("/organiser/audit");
}

/** The log as filtered, as a CSV download: a POST, audited like every other export. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "readAuditLog");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const params = new URLSearchParams([...form].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const { filter, values, error } = readAuditFilter(params, t);
  if (error) return json({ error }, { status: 400 });
  const entries = await readableEntries(db, t, { limit: EXPORT_LIMIT, filter });
  const header = (["when", "who", "what", "target", "details"] as const).map((key) => t(`audit.${key}`));
  const csv = csvRows([header, ...entries.map((e) => [e.at, e.who ?? "", e.what, e.target, e.sentence])]);
  await logAudit(db, { actor: user, action: "audit.export", details: { rows: entries.length, filters: values } });
  return new Response(bomFor({}) + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit-log.csv"',
      "Cache-Control": "no-store",
    },
  });
}
