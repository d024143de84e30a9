import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Messages } from "~/components/messages";
import { formatterFor, listOptions, loadCompendium, sourceKey, type LoadedCompendium } from "~/compendium/examples.server";
import { logAudit } from "~/models/audit.server";
import { detachSource, updateEntry } from "~/models/compendium.server";
import {
  DECISIONS,
  evidenceOf,
  exampleDetail,
  NOTES_MAX,
  readEntryForm,
  requestCitation,
  requireCompendium,
  SUMMARY_MAX,
  TITLE_MAX,
} from "~/organiser/compendium.server";
import { db, nudgeOutbox } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { publicOrigin } from "~/utils/public-origin.server";
import { readForm } from "~/utils/read-form.server";
import { formatDate } from "~/utils/format-date";

export const meta = organiserMeta;

function entryOf(loaded: LoadedCompendium, id: string | undefined, t: (key: string) => string) {
  const entry = loaded.entries.find((e) => e.id === id);
  if (!entry) throw new Response(t("entry.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return entry;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { language, t, ctx, withQuestionnaire } = await requireCompendium(
    request,
    "curateCompendium",
    new URL(request.url).searchParams.get("q"),
  );
  const loaded = await loadCompendium(db, ctx);
  const entry = entryOf(loaded, params.entryId, t);
  const evidence = evidenceOf(ctx, loaded, entry, language);
  return json({
    questionnaireId: ctx.questionnaire.id,
    queueLink: withQuestionnaire("/organiser/compendium"),
    entry: {
      id: entry.id,
      decision: entry.decision,
      practices: entry.practices,
      notes: entry.notes,
      texts: entry.texts,
      citation: entry.citation,
    },
    languages: ctx.questionnaire.languages.map((code) => ({
      code,
      name: t(`common:language.names.${code}`, { defaultValue: code }),
    })),
    practiceOptions: listOptions(ctx, formatterFor(ctx, language), ctx.fields.practiceList),
    examples: entry.examples.map((e) => exampleDetail(ctx, e, language)),
    evidence,
    anonymous: entry.examples.some((e) => e.citation === "anonymous"),
    limits: { title: TITLE_MAX, summary: SUMMARY_MAX, notes: NOTES_MAX },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const { user, t, ctx, withQuestionnaire } = await requireCompendium(request, "curateCompendium", String(form.get("q") ?? ""));
  const loaded = await loadCompendium(db, ctx);
  const entry = entryOf(loaded, params.entryId, t);
  const intent = form.get("intent");
  const audit = (action: string, details?: Record<string, unknown>) =>
    logAudit(db, { actor: user, action, targetType: "compendium_entry", targetId: entry.id, details });
  if (intent === "save") {
    const outcome = readEntryForm(ctx, entry, form);
    if (outcome.kind === "invalid")
      return json({ error: t(outcome.messageKey, outcome.vars ?? {}), notice: null }, { status: 400 });
    if (outcome.kind === "names")
      return json({ error: t("entry.namesFound", { names: outcome.names.join(", ") }), notice: null }, { status: 400 });
    await updateEntry(db, entry.id, outcome.edit, user.id);
    await audit("compendium.entry.update", { decision: outcome.edit.decision, practices: outcome.edit.practices });
    return json({ error: null, notice: t("entry.saved") });
  }
  const example = entry.examples.find((e) => sourceKey(e) === form.get("source"));
  if (!example) return json({ error: t("queue.unknownExample"), notice: null }, { status: 400 });
  if (intent === "request") {
    const outcome = await requestCitation(
      db,
      ctx,
      example,
      { id: user.id, name: user.name, email: user.email },
      publicOrigin(request),
    );
    if (outcome !== "queued") return json({ error: t(`entry.request.${outcome}`), notice: null }, { status: 409 });
    nudgeOutbox();
    await audit("compendium.citation.request", { responseId: example.responseId, index: example.index });
    return json({ error: null, notice: t("entry.request.queued") });
  }
  if (intent === "detach") {
    await detachSource(db, entry.id, example);
    await audit("compendium.source.detach", { responseId: example.responseId, index: example.index });
    return entry.examples.length > 1
      ? json({ error: null, notice: t("entry.detached") })
      : redirect(withQuestionnaire("/organiser/compendium"));
  }
  return json({ error: t("queue.unknownExample"), notice: null }, { status: 400 });
}

export default function CompendiumEntry() {
  const { questionnaireId, queueLink, entry, languages, practiceOptions, examples, evidence, anonymous, limits } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("compendium");
  return (
    <>
      <p>
        <Link to={queueLink}>{t("entry.back")}</Link>
      </p>
      <h1>{entry.texts[languages[0]!.code]?.title || examples[0]?.name || t("entry.untitled")}</h1>
      <p className={`citation citation-${entry.citation}`}>
        <strong>{t("entry.citationLabel")}</strong> {t(`entryCitation.${entry.citation}`)}
      </p>
      <Messages error={actionData?.error} notice={actionData?.notice} />

      <h2>{t("entry.examples")}</h2>
      {examples.map((e, i) => (
        <section key={e.key} className="example" aria-labelledby={`example-${i}`}>
          <h3 id={`example-${i}`}>
            {e.name} <span className="muted">({t(`citation.${e.citation}`)})</span>
          </h3>
          <p className="muted">{[e.profile.orgType, e.profile.country, e.profile.sector].filter(Boolean).join(" · ")}</p>
          <dl>
            {e.answers.map((a) => (
              <div key={a.id}>
                <dt>{a.label}</dt>
                <dd>{a.text}</dd>
              </div>
            ))}
          </dl>
          {e.request ? (
            <p>
              {e.request.answer
                ? t(`entry.request.answered.${e.request.answer}`, {
                    date: e.request.answeredAt ? formatDate(e.request.answeredAt, i18n.language) : "",
                  })
                : t("entry.request.pending", { date: formatDate(e.request.requestedAt, i18n.language) })}
            </p>
          ) : null}
          <Form method="post" className="inline">
            <input type="hidden" name="q" value={questionnaireId} />
            <input type="hidden" name="source" value={e.key} />
            {e.citation === "askFirst" || e.citation === "requested" ? (
              <button type="submit" name="intent" value="request" className="secondary">
                {t(e.citation === "askFirst" ? "entry.request.send" : "entry.request.again")}
                <span className="visually-hidden"> {e.name}</span>
              </button>
            ) : null}{" "}
            <button type="submit" name="intent" value="detach" className="secondary">
              {t("entry.detach")}
              <span className="visually-hidden"> {e.name}</span>
            </button>
          </Form>
        </section>
      ))}

      <h2>{t("entry.editorial")}</h2>
      {anonymous ? <p className="notice">{t("entry.anonymousHint")}</p> : null}
      <Form method="post">
        <input type="hidden" name="q" value={questionnaireId} />
        <fieldset>
          <legend>{t("entry.decision")}</legend>
          {DECISIONS.map((d) => (
            <div className="choice" key={d}>
              <input type="radio" id={`decision-${d}`} name="decision" value={d} defaultChecked={entry.decision === d} />
              <label htmlFor={`decision-${d}`}>{t(`status.${d}`)}</label>
            </div>
          ))}
        </fieldset>
        {languages.map((l) => (
          <fieldset key={l.code}>
            <legend>{l.name}</legend>
            <div className="question">
              <label htmlFor={`title-${l.code}`}>{t("entry.titleIn", { language: l.name })}</label>
              <input
                id={`title-${l.code}`}
                name={`title.${l.code}`}
                lang={l.code}
                maxLength={limits.title}
                defaultValue={entry.texts[l.code]?.title ?? ""}
              />
            </div>
            <div className="question">
              <label htmlFor={`summary-${l.code}`}>{t("entry.summaryIn", { language: l.name })}</label>
              <textarea
                id={`summary-${l.code}`}
                name={`summary.${l.code}`}
                lang={l.code}
                rows={6}
                maxLength={limits.summary}
                defaultValue={entry.texts[l.code]?.summary ?? ""}
              />
            </div>
          </fieldset>
        ))}
        <fieldset>
          <legend>{t("entry.practices")}</legend>
          {practiceOptions.map((o) => (
            <div className="choice" key={o.code}>
              <input
                type="checkbox"
                id={`practice-${o.code}`}
                name="practice"
                value={o.code}
                defaultChecked={entry.practices.includes(o.code)}
              />
              <label htmlFor={`practice-${o.code}`}>{o.label}</label>
            </div>
          ))}
        </fieldset>
        <div className="question">
          <label htmlFor="notes">{t("entry.notes")}</label>
          <textarea id="notes" name="notes" rows={3} maxLength={limits.notes} defaultValue={entry.notes} />
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="save">
            {t("entry.save")}
          </button>
        </div>
      </Form>

      <h2>{t("evidence.title")}</h2>
      {evidence.practices.length ? (
        <ul>
          {evidence.practices.map((p) => (
            <li key={p.code}>{t("evidence.practice", { practice: p.label, n: p.respondents, total: evidence.respondents })}</li>
          ))}
        </ul>
      ) : (
        <p>{t("evidence.noPractices")}</p>
      )}
      {evidence.challenges.map((c, i) => (
        <div key={c.responseId}>
          <h3>{t("evidence.challengesOf", { n: i + 1 })}</h3>
          {c.ratings.length ? (
            c.ratings.map((m) => (
              <div key={m.question}>
                <p>
                  <strong>{m.question}</strong>
                </p>
                <ul>
                  {m.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            ))
          ) : (
            <p>{t("evidence.noRatings")}</p>
          )}
        </div>
      ))}
    </>
  );
}
