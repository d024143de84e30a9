import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { TableScroll } from "~/components/table-scroll";
import { listAudit } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "readAuditLog");
  const before = Number(new URL(request.url).searchParams.get("before"));
  const entries = await listAudit(db, { limit: PAGE, before: Number.isInteger(before) && before > 0 ? before : undefined });
  return json({ entries, next: entries.length === PAGE ? entries.at(-1)!.id : null });
}

export default function Audit() {
  const { entries, next } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <TableScroll>
        <table>
          <caption className="visually-hidden">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.target")}</th>
              <th scope="col">{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{when.format(new Date(e.at))} UTC</td>
                <td>{e.actor_email ?? "—"}</td>
                <td>{t(`audit.actions.${e.action.replace(/\./g, "_")}`, { defaultValue: e.action })}</td>
                <td>
                  {e.target_type
                    ? `${t(`audit.targets.${e.target_type}`, { defaultValue: e.target_type })} ${e.target_id ?? ""}`
                    : "—"}
                </td>
                <td>{e.details ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {next ? (
        <p>
          <Link to={`?before=${next}`}>{t("audit.older")}</Link>
        </p>
      ) : null}
    </>
  );
}
