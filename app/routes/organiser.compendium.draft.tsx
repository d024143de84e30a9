import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { compendiumDraft, draftHeadings, draftLanguage } from "~/compendium/draft.server";
import { loadCompendium } from "~/compendium/examples.server";
import { requireCompendium } from "~/organiser/compendium.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { t, ctx, withQuestionnaire } = await requireCompendium(request, "curateCompendium", params.get("q"));
  const language = draftLanguage(ctx, params.get("lang"), t);
  return json({
    questionnaireId: ctx.questionnaire.id,
    queueLink: withQuestionnaire("/organiser/compendium"),
    draft: compendiumDraft(ctx, await loadCompendium(db, ctx), language),
    headings: draftHeadings(language),
    otherLanguages: ctx.questionnaire.languages
      .filter((l) => l !== language)
      .map((l) => ({ language: l, to: withQuestionnaire(`/organiser/compendium/draft?lang=${l}`) })),
  });
}

export default function CompendiumDraft() {
  const { questionnaireId, queueLink, draft, headings, otherLanguages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("compendium");
  const left = Object.entries(draft.leftOut).filter(([, n]) => n > 0);
  return (
    <>
      <div className="no-print">
        <p>
          <Link to={queueLink}>{t("entry.back")}</Link>
          {otherLanguages.map((o) => (
            <span key={o.language}>
              {" · "}
              <Link to={o.to}>
                {t("queue.draftIn", { language: t(`common:language.names.${o.language}`, { defaultValue: o.language }) })}
              </Link>
            </span>
          ))}
        </p>
        <p>{t("draft.printHint")}</p>
        {left.length ? (
          <ul className="notice">
            {left.map(([reason, n]) => (
              <li key={reason}>{t(`draft.leftOut.${reason}`, { count: n })}</li>
            ))}
          </ul>
        ) : null}
        <Form method="post" action="/organiser/compendium/docx" reloadDocument>
          <input type="hidden" name="q" value={questionnaireId} />
          <input type="hidden" name="lang" value={draft.language} />
          <button type="submit">{t("draft.downloadDocx")}</button>
        </Form>
      </div>
      <article className="compendium-draft" lang={draft.language}>
        <h1>{draft.title}</h1>
        {draft.entries.length === 0 ? <p>{headings.empty}</p> : null}
        <nav aria-labelledby="contents" className="draft-contents">
          <h2 id="contents">{headings.contents}</h2>
          <ol>
            {draft.sectors.map((s) => (
              <li key={s.label}>
                {s.label}
                <ol>
                  {s.practices.map((p) => (
                    <li key={p.label}>
                      {p.label}
                      <ul>
                        {p.entries.map((e) => (
                          <li key={e.number}>
                            <a href={`#entry-${e.number}`}>
                              {e.number}. {e.title}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </nav>
        {draft.sectors.map((s) => (
          <section key={s.label} className="draft-sector">
            <h2>{s.label}</h2>
            {s.practices.map((p) => (
              <section key={p.label}>
                <h3>{p.label}</h3>
                {p.entries.map((e) => (
                  <article key={e.number} id={`entry-${e.number}`} className="draft-entry">
                    <h4>
                      {e.number}. {e.title}
                    </h4>
                    {e.summary.split(/\n\s*\n/).map((para, i) => (
                      <p key={i}>{para}</p>
                    ))}
                    <dl>
                      {e.facts.map((f) => (
                        <div key={f.label}>
                          <dt>{f.label}</dt>
                          <dd>{f.value}</dd>
                        </div>
                      ))}
                    </dl>
                  </article>
                ))}
              </section>
            ))}
          </section>
        ))}
        <section className="draft-sector">
          <h2>{headings.countryIndex}</h2>
          <ul>
            {draft.countryIndex.map((c) => (
              <li key={c.country}>
                {c.country}:{" "}
                {c.entries.map((n, i) => (
                  <span key={n}>
                    {i ? ", " : ""}
                    <a href={`#entry-${n}`}>{n}</a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
        <section className="draft-sector">
          <h2>{headings.sources}</h2>
          {draft.entries.map((e) => (
            <div key={e.number}>
              <h3>
                {e.number}. {e.title}
              </h3>
              <ul>
                {e.sources.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      </article>
    </>
  );
}
