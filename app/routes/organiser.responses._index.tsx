import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { ChoiceFields } from "~/components/organiser/choice-fields";
import { FilterFields } from "~/components/organiser/filter-fields";
import { TableScroll } from "~/components/table-scroll";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { codesOf, countResponses, listResponses } from "~/models/response-list.server";
import { filterOptions } from "~/organiser/filter-options.server";
import { filtersToParams, readFilters } from "~/organiser/filters";
import { requireConsultationChoice } from "~/organiser/current-consultation.server";
import type { RouteHandle } from "~/utils/route-handle";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { formatDate } from "~/utils/format-date";

export const meta = organiserMeta;
export const handle: RouteHandle = { allConsultations: true };

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "viewResponses");
  const language = await languageOf(request);
  const t = fixedT(language, "organiser");
  const params = new URL(request.url).searchParams;
  const choice = await requireConsultationChoice(db, request, { allowAll: true });
  const { questionnaire, scope } = choice;
  const variables = questionnaire.organiserFilters ?? [];
  const { filters, problems } = readFilters(
    params,
    questionnaire.id,
    { languages: supportedLanguages, variables },
    { statuses: ["submitted", "draft"] },
  );
  filters.consultationId = scope.consultationId;
  if (problems.length) throw new Response(t("filters.invalid", { values: problems.join(", ") }), { status: 400 });
  const page = Math.max(1, Math.min(100_000, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  const [total, rows] = await Promise.all([
    countResponses(db, filters),
    listResponses(db, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  const options = filterOptions(questionnaire, language);
  const codes = await codesOf(
    db,
    rows.map((r) => r.id),
    variables,
  );
  const labelOf = (variable: string, code: string) =>
    options.find((o) => o.variable === variable)?.options.find((o) => o.code === code)?.label ?? code;
  const query = filtersToParams(filters);
  for (const [name, value] of Object.entries(choice.params)) query.set(name, value);
  const consultationNames = new Map(choice.consultations.map((c) => [c.id, c.name]));
  return json({
    choice: choice.params,
    // Which consultation each response belongs to, said only when the list shows several.
    consultationColumn: scope.consultationId === null,
    filters,
    options,
    languages: supportedLanguages,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    query: query.toString(),
    columns: options.map((o) => ({ variable: o.variable, label: o.label })),
    rows: rows.map((r) => ({
      ...r,
      consultation: consultationNames.get(r.consultation_id) ?? r.consultation_id,
      values: variables.map((v) => (codes.get(r.id)?.[v] ?? []).map((c) => labelOf(v, c)).join("; ")),
    })),
  });
}

export default function Responses() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  const when = (at: string) => formatDate(at, i18n.language);
  const pageLink = (page: number) => `?${data.query}&page=${page}`;
  return (
    <>
      <h1>{t("responses.title")}</h1>
      <Form method="get">
        <ChoiceFields params={data.choice} />
        <FilterFields filters={data.filters} options={data.options} languages={data.languages} />
        <div className="actions">
          <button type="submit">{t("filters.apply")}</button>
        </div>
      </Form>
      <p role="status">{t("responses.count", { count: data.total })}</p>
      <TableScroll>
        <table>
          <caption className="visually-hidden">{t("responses.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("responses.response")}</th>
              {data.consultationColumn ? <th scope="col">{t("consultationChoice.column")}</th> : null}
              <th scope="col">{t("responses.status")}</th>
              <th scope="col">{t("responses.language")}</th>
              {data.columns.map((c) => (
                <th scope="col" key={c.variable}>
                  {c.label}
                </th>
              ))}
              <th scope="col">{t("responses.started")}</th>
              <th scope="col">{t("responses.lastActivity")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/organiser/responses/${r.id}`}>{r.id.slice(0, 8)}</Link>
                </td>
                {data.consultationColumn ? <td>{r.consultation}</td> : null}
                <td>{t(`status.${r.status}`)}</td>
                <td>{r.language}</td>
                {r.values.map((v, i) => (
                  <td key={data.columns[i]!.variable}>{v}</td>
                ))}
                <td>{when(r.created_at)}</td>
                <td>{when(r.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <nav aria-label={t("responses.pages")} className="pager">
        {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t("responses.previous")}</Link> : null}
        <span>{t("responses.pageOf", { page: data.page, pages: data.pages })}</span>
        {data.page < data.pages ? <Link to={pageLink(data.page + 1)}>{t("responses.next")}</Link> : null}
      </nav>
    </>
  );
}
