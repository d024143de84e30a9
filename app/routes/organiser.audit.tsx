import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { Messages } from "~/components/messages";
import { TableScroll } from "~/components/table-scroll";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { auditFacets } from "~/models/audit.server";
import { actionKey, readableEntries, readAuditFilter } from "~/organiser/audit-log.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { formatInstant } from "~/utils/format-date";
import { TimeZoneNote } from "~/components/time-zone-note";

export const meta = organiserMeta;

const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "readAuditLog");
  const t = fixedT(await languageOf(request), "organiser");
  const params = new URL(request.url).searchParams;
  const { filter, values, error } = readAuditFilter(params, t);
  const before = Number(params.get("before"));
  const facets = await auditFacets(db);
  const actions = facets.actions.map((action) => ({
    action,
    name: t(`audit.actions.${actionKey(action)}`, { defaultValue: action }),
  }));
  const entries = error
    ? []
    : await readableEntries(db, t, { limit: PAGE, before: Number.isInteger(before) && before > 0 ? before : undefined, filter });
  const next = entries.length === PAGE ? new URLSearchParams({ ...values, before: String(entries.at(-1)!.id) }) : null;
  return json(
    { entries, next: next?.toString() ?? null, values, error, actors: facets.actors, actions },
    { status: error ? 400 : 200 },
  );
}

export default function Audit() {
  const { entries, next, values, error, actors, actions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <Messages error={error} />
      <Form method="get" className="audit-filters">
        <div className="question">
          <label htmlFor="audit-who">{t("audit.who")}</label>
          <select id="audit-who" name="who" defaultValue={values.who ?? ""}>
            <option value="">{t("audit.anyone")}</option>
            {actors.map((email) => (
              <option key={email} value={email}>
                {email}
              </option>
            ))}
          </select>
        </div>
        <div className="question">
          <label htmlFor="audit-action">{t("audit.what")}</label>
          <select id="audit-action" name="action" defaultValue={values.action ?? ""}>
            <option value="">{t("audit.anyAction")}</option>
            {actions.map(({ action, name }) => (
              <option key={action} value={action}>
                {name}
              </option>
            ))}
          </select>
        </div>
        {(["from", "to"] as const).map((bound) => (
          <div className="question" key={bound}>
            <label htmlFor={`audit-${bound}`}>{t(`audit.${bound}`)}</label>
            <input id={`audit-${bound}`} type="date" name={bound} defaultValue={values[bound] ?? ""} />
          </div>
        ))}
        <div className="actions">
          <button type="submit" className="secondary">
            {t("audit.filter")}
          </button>
        </div>
      </Form>
      <Form method="post" action="/organiser/audit.csv" reloadDocument>
        {Object.entries(values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value ?? ""} />
        ))}
        <button type="submit" className="secondary">
          {t("audit.export")}
        </button>
      </Form>
      {entries.length === 0 && !error ? <p>{t("audit.none")}</p> : <TimeZoneNote />}
      <TableScroll>
        <table className="audit-log">
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
                <td>{formatInstant(e.at, i18n.language)}</td>
                <td>{e.who ?? "—"}</td>
                <td>{e.what}</td>
                <td>{e.target || "—"}</td>
                <td className="audit-details">{e.sentence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {next ? (
        <p>
          <Link to={`?${next}`}>{t("audit.older")}</Link>
        </p>
      ) : null}
    </>
  );
}
