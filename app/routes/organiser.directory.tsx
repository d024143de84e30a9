import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CodeFilters } from "~/components/organiser/code-filters";
import { TableScroll } from "~/components/table-scroll";
import { Messages } from "~/components/messages";
import { logAudit } from "~/models/audit.server";
import { directoryPage, notifyDirectory } from "~/organiser/directory-page.server";
import { db, nudgeOutbox } from "~/utils/db.server";
import { publicOrigin } from "~/utils/public-origin.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

const FILTERS = ["country", "sector", "orgType"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { ctx, filters, rows, options, toNotify } = await directoryPage(request, new URL(request.url).searchParams);
  return json({ questionnaireId: ctx.questionnaire.id, filters, rows, options, toNotify: toNotify.length });
}

/** "Tell them": e-mails everyone listed and not yet told, with the link to leave the directory. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const params = new URLSearchParams({ q: String(form.get("q") ?? "") });
  const { user, t, ctx, toNotify } = await directoryPage(request, params);
  const count = await notifyDirectory(db, ctx, toNotify, { name: user.name, email: user.email }, publicOrigin(request));
  nudgeOutbox();
  await logAudit(db, {
    actor: user,
    action: "hub.notify",
    targetType: "questionnaire",
    targetId: ctx.questionnaire.id,
    details: { count },
  });
  return json({ notice: t("directory.notified", { count }) });
}

export default function Directory() {
  const { questionnaireId, filters, rows, options, toNotify } = useLoaderData<typeof loader>();
  const notice = useActionData<typeof action>()?.notice;
  const { t } = useTranslation("compendium");
  return (
    <>
      <h1>{t("directory.title")}</h1>
      <p>{t("directory.intro")}</p>
      <Messages notice={notice} />
      {toNotify ? (
        <Form method="post">
          <input type="hidden" name="q" value={questionnaireId} />
          <p>{t("directory.toNotify", { count: toNotify })}</p>
          <button type="submit" className="secondary">
            {t("directory.notify")}
          </button>
        </Form>
      ) : null}
      <CodeFilters
        choice={{ q: questionnaireId }}
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
