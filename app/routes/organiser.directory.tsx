import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CodeFilters } from "~/components/organiser/code-filters";
import { TableScroll } from "~/components/table-scroll";
import { directoryPage } from "~/organiser/directory-page.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

const FILTERS = ["country", "sector", "orgType"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { ctx, filters, rows, options } = await directoryPage(request, new URL(request.url).searchParams);
  return json({ questionnaireId: ctx.questionnaire.id, filters, rows, options });
}

export default function Directory() {
  const { questionnaireId, filters, rows, options } = useLoaderData<typeof loader>();
  const { t } = useTranslation("compendium");
  return (
    <>
      <h1>{t("directory.title")}</h1>
      <p>{t("directory.intro")}</p>
      <CodeFilters
        questionnaireId={questionnaireId}
        filters={FILTERS.map((name) => ({
          name,
          label: t(`directory.filter.${name}`),
          value: filters[name],
          options: options[name],
        }))}
      />
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
      <Form method="post" action="/organiser/directory/csv" reloadDocument>
        <input type="hidden" name="q" value={questionnaireId} />
        {FILTERS.map((name) =>
          filters[name] !== null ? <input key={name} type="hidden" name={name} value={String(filters[name])} /> : null,
        )}
        <button type="submit">{t("directory.download")}</button>
      </Form>
    </>
  );
}
