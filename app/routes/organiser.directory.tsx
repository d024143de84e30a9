import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { directoryFilters, directoryListing } from "~/compendium/directory.server";
import { loadRespondents } from "~/compendium/examples.server";
import { bomFor, csvRows } from "~/export/csv";
import { logAudit } from "~/models/audit.server";
import { directoryExits } from "~/models/compendium.server";
import { requireCompendium } from "~/organiser/compendium.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { readForm } from "~/utils/read-form.server";

export const meta = organiserMeta;

const FILTERS = ["country", "sector", "orgType"] as const;

async function listing(request: Request, params: URLSearchParams) {
  const found = await requireCompendium(request, "viewDirectory", params.get("q"));
  const { ctx, language } = found;
  const filters = directoryFilters(params);
  const [respondents, left] = await Promise.all([loadRespondents(db, ctx), directoryExits(db)]);
  return { ...found, filters, ...directoryListing(ctx, respondents, left, language, filters) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { ctx, filters, rows, options } = await listing(request, new URL(request.url).searchParams);
  return json({ questionnaireId: ctx.questionnaire.id, filters, rows, options });
}

/** The CSV file of the listing as filtered: a POST, so that each download of contact details is audited. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const params = new URLSearchParams([...form].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const { user, t, ctx, filters, rows } = await listing(request, params);
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

export default function Directory() {
  const { questionnaireId, filters, rows, options } = useLoaderData<typeof loader>();
  const { t } = useTranslation("compendium");
  const selects = FILTERS.map((name) => (
    <div className="question" key={name}>
      <label htmlFor={`filter-${name}`}>{t(`directory.filter.${name}`)}</label>
      <select id={`filter-${name}`} name={name} defaultValue={filters[name] ?? ""}>
        <option value="">{t("queue.any")}</option>
        {options[name].map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  ));
  return (
    <>
      <h1>{t("directory.title")}</h1>
      <p>{t("directory.intro")}</p>
      <Form method="get" className="filters">
        <input type="hidden" name="q" value={questionnaireId} />
        {selects}
        <div className="actions">
          <button type="submit" className="secondary">
            {t("queue.filterButton")}
          </button>
        </div>
      </Form>
      <p role="status">{t("directory.count", { count: rows.length })}</p>
      {rows.length ? (
        <TableScroll>
          <table>
            <caption className="visually-hidden">{t("directory.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("directory.column.name")}</th>
                <th scope="col">{t("directory.column.email")}</th>
                <th scope="col">{t("directory.column.orgType")}</th>
                <th scope="col">{t("directory.column.country")}</th>
                <th scope="col">{t("directory.column.sector")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.responseId}>
                  <td>{[r.name, r.organisation].filter(Boolean).join(", ")}</td>
                  <td>{r.email}</td>
                  <td>{r.orgType}</td>
                  <td>{r.country}</td>
                  <td>{r.sector}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <Form method="post" reloadDocument>
        <input type="hidden" name="q" value={questionnaireId} />
        {FILTERS.map((name) =>
          filters[name] !== null ? <input key={name} type="hidden" name={name} value={String(filters[name])} /> : null,
        )}
        <button type="submit">{t("directory.download")}</button>
      </Form>
    </>
  );
}
