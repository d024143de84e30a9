import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Messages } from "~/components/messages";
import { CodeFilters } from "~/components/organiser/code-filters";
import { TableScroll } from "~/components/table-scroll";
import { loadCompendium } from "~/compendium/examples.server";
import { logAudit } from "~/models/audit.server";
import { gatherSources } from "~/models/compendium.server";
import { curationQueue, queueFilters, QUEUE_STATUSES, requireCompendium, sourcesFrom } from "~/organiser/compendium.server";
import { db } from "~/utils/db.server";
import { ChoiceFields } from "~/components/organiser/choice-fields";
import { requireConsultationChoice } from "~/organiser/current-consultation.server";
import type { RouteHandle } from "~/utils/route-handle";
import { organiserMeta } from "~/utils/organiser-meta";
import { readForm } from "~/utils/read-form.server";

export const meta = organiserMeta;
export const handle: RouteHandle = { allConsultations: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { language, ctx, withQuestionnaire } = await requireCompendium(request, "curateCompendium", params.get("q"));
  const { scope, params: choice } = await requireConsultationChoice(db, request, { allowAll: true });
  const filters = queueFilters(params);
  // The queue shows the chosen consultation's examples (or all of them); entries gather any.
  const queue = curationQueue(ctx, await loadCompendium(db, ctx, scope.consultationId), language, filters);
  return json({
    questionnaireId: ctx.questionnaire.id,
    choice,
    filters,
    ...queue,
    draftLinks: ctx.questionnaire.languages.map((l) => ({
      language: l,
      to: withQuestionnaire(`/organiser/compendium/draft?lang=${l}`),
    })),
    directoryLink: withQuestionnaire("/organiser/directory"),
  });
}

/** "Curate" starts an entry for one example; "merge" gathers the ticked examples into one entry. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const { user, t, ctx, withQuestionnaire } = await requireCompendium(request, "curateCompendium", String(form.get("q") ?? ""));
  const intent = form.get("intent");
  const loaded = await loadCompendium(db, ctx);
  const sources = sourcesFrom(loaded, intent === "merge" ? form.getAll("source") : [form.get("open") ?? ""]);
  if (!sources) return json({ error: t(intent === "merge" ? "queue.chooseExamples" : "queue.unknownExample") }, { status: 400 });
  if (intent === "merge" && sources.length < 2) return json({ error: t("queue.chooseExamples") }, { status: 400 });
  const { entryId, created } = await gatherSources(db, { questionnaireId: ctx.questionnaire.id, sources, actorId: user.id });
  await logAudit(db, {
    actor: user,
    action: intent === "merge" ? "compendium.entry.merge" : created ? "compendium.entry.create" : "compendium.entry.update",
    targetType: "compendium_entry",
    targetId: entryId,
    details: { examples: sources.length },
  });
  return redirect(withQuestionnaire(`/organiser/compendium/${entryId}`));
}

export default function CurationQueue() {
  const { questionnaireId, choice, filters, rows, total, options, draftLinks, directoryLink } = useLoaderData<typeof loader>();
  const error = useActionData<typeof action>()?.error;
  const { t } = useTranslation("compendium");
  return (
    <>
      <h1>{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      <ul className="inline-links">
        {draftLinks.map((d) => (
          <li key={d.language}>
            <Link to={d.to}>
              {t("queue.draftIn", { language: t(`common:language.names.${d.language}`, { defaultValue: d.language }) })}
            </Link>
          </li>
        ))}
        <li>
          <Link to={directoryLink}>{t("directory.title")}</Link>
        </li>
      </ul>
      <Messages error={error} />
      <CodeFilters
        choice={choice}
        filters={[
          ...(["sector", "country", "practice"] as const).map((name) => ({
            name,
            label: t(`queue.filter.${name}`),
            value: filters[name],
            options: options[name],
          })),
          {
            name: "status",
            label: t("queue.filter.status"),
            value: filters.status,
            options: QUEUE_STATUSES.map((s) => ({ code: s, label: t(`status.${s}`) })),
          },
        ]}
      />
      <p role="status">{t("queue.count", { shown: rows.length, total })}</p>
      {rows.length ? (
        <Form method="post">
          <ChoiceFields params={{ q: questionnaireId, ...choice }} />
          <TableScroll>
            <table>
              <caption className="visually-hidden">{t("queue.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("queue.merge")}</th>
                  <th scope="col">{t("queue.example")}</th>
                  <th scope="col">{t("queue.respondent")}</th>
                  <th scope="col">{t("queue.citation")}</th>
                  <th scope="col">{t("queue.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <td>
                      <input
                        type="checkbox"
                        name="source"
                        value={r.key}
                        id={`source-${r.key}`}
                        aria-label={t("queue.tick", { name: r.name })}
                      />
                    </td>
                    <td>
                      <strong>{r.name}</strong>
                      {r.title ? <div className="muted">{r.title}</div> : null}
                      <div className="muted">{[r.country, r.sectors].filter(Boolean).join(" · ")}</div>
                    </td>
                    <td>{[r.profile.orgType, r.profile.country, r.profile.sector].filter(Boolean).join(" · ")}</td>
                    <td>{t(`citation.${r.citation}`)}</td>
                    <td>
                      {t(`status.${r.status}`)}{" "}
                      {r.entryId ? (
                        <Link to={`/organiser/compendium/${r.entryId}?q=${questionnaireId}`}>
                          {t("queue.openEntry")}
                          <span className="visually-hidden"> {r.name}</span>
                        </Link>
                      ) : (
                        <button type="submit" name="open" value={r.key} className="secondary">
                          {t("queue.curate")}
                          <span className="visually-hidden"> {r.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="actions">
            <button type="submit" name="intent" value="merge" className="secondary">
              {t("queue.mergeButton")}
            </button>
          </div>
        </Form>
      ) : null}
    </>
  );
}
