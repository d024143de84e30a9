import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Messages } from "~/components/messages";
import { requireUser } from "~/auth/session.server";
import { themeCode, type Questionnaire } from "~/engine/definition";
import { fallbackLanguage } from "~/i18n/config";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { languageName } from "~/i18n/language-name";
import { logAudit } from "~/models/audit.server";
import {
  createThemes,
  deleteTheme,
  listThemes,
  mergeTheme,
  themeUses,
  updateThemeLabels,
  type ThemeWording,
} from "~/models/coding.server";
import { seedThemes } from "~/organiser/coding.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

const MAX_LABEL = 120;
const MAX_DESCRIPTION = 1000;

function questionnaireFrom(value: FormDataEntryValue | string | null) {
  return getQuestionnaire(typeof value === "string" && value ? value : defaultQuestionnaireId);
}

/** Every language folder can label a theme; English (the fallback) and the questionnaire's own languages must. */
function labelLanguages(questionnaire: Questionnaire, inLanguage: string) {
  const required = new Set([fallbackLanguage, ...questionnaire.languages]);
  return supportedLanguages.map((code) => ({ code, name: languageName(code, inLanguage), required: required.has(code) }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageThemes");
  const language = await languageOf(request);
  const questionnaire = questionnaireFrom(new URL(request.url).searchParams.get("q"));
  if (!questionnaire) throw new Response(fixedT(language, "organiser")("export.unknownQuestionnaire"), { status: 404 });
  return json({
    questionnaireId: questionnaire.id,
    canSeed: Boolean(questionnaire.seedThemes?.length),
    languages: labelLanguages(questionnaire, language),
    themes: await listThemes(db, questionnaire.id),
  });
}

type Labels = Record<string, ThemeWording | null>;

/** The labels a form sends (`label.<language>`, `description.<language>`), or the first problem with them. */
function readLabels(form: FormData, languages: ReturnType<typeof labelLanguages>, t: ReturnType<typeof fixedT>) {
  const labels: Labels = {};
  for (const { code, name, required } of languages) {
    const label = String(form.get(`label.${code}`) ?? "").trim();
    const description = String(form.get(`description.${code}`) ?? "").trim();
    if (!label && required) return { error: t("themes.labelRequired", { language: name }) };
    if (label.length > MAX_LABEL) return { error: t("common:errors.tooLong", { max: MAX_LABEL }) };
    if (description.length > MAX_DESCRIPTION) return { error: t("common:errors.tooLong", { max: MAX_DESCRIPTION }) };
    labels[code] = label ? { label, description } : null;
  }
  return { labels };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageThemes");
  const language = await languageOf(request);
  const t = fixedT(language, "organiser");
  const form = await readForm(request);
  const questionnaire = questionnaireFrom(form.get("q"));
  if (!questionnaire) return json({ error: t("export.unknownQuestionnaire"), notice: null }, { status: 404 });
  const intent = form.get("intent");
  if (intent === "seed") {
    const added = await seedThemes(db, questionnaire);
    await logAudit(db, {
      actor: user,
      action: "themes.seed",
      targetType: "questionnaire",
      targetId: questionnaire.id,
      details: { added },
    });
    return json({ error: null, notice: t("themes.seeded", { count: added }) });
  }
  if (intent === "delete" || intent === "merge") return removeTheme(form, intent, questionnaire.id, user, t);
  const read = readLabels(form, labelLanguages(questionnaire, language), t);
  if (!read.labels) return json({ error: read.error, notice: null }, { status: 400 });
  const id = form.get("id");
  if (intent === "update" && typeof id === "string" && id.length <= 64) {
    if (!(await updateThemeLabels(db, questionnaire.id, id, read.labels)))
      return json({ error: t("themes.notFound"), notice: null }, { status: 404 });
    await logAudit(db, { actor: user, action: "theme.update", targetType: "theme", targetId: id });
    return json({ error: null, notice: t("coding.saved") });
  }
  const code = themeCode.safeParse(form.get("code"));
  if (!code.success) return json({ error: t("themes.codeInvalid"), notice: null }, { status: 400 });
  const labels = Object.fromEntries(Object.entries(read.labels).filter((e): e is [string, ThemeWording] => e[1] !== null));
  if (!(await createThemes(db, questionnaire.id, [{ code: code.data, labels }])))
    return json({ error: t("themes.codeTaken"), notice: null }, { status: 409 });
  await logAudit(db, {
    actor: user,
    action: "theme.create",
    targetType: "questionnaire",
    targetId: questionnaire.id,
    details: { code: code.data },
  });
  return json({ error: null, notice: t("coding.saved") });
}

type Confirm = { intent: "delete" | "merge"; id: string; code: string; targetId: string; targetCode: string; uses: number };

/**
 * Deletes an unused theme, or merges a theme into another (its codings move to the target), after a
 * confirmation step that works without JavaScript: the first POST answers with what will happen.
 */
async function removeTheme(
  form: FormData,
  intent: "delete" | "merge",
  questionnaireId: string,
  user: { id: string; email: string },
  t: ReturnType<typeof fixedT>,
) {
  const reply = (status: number, error: string | null, notice: string | null, confirm: Confirm | null = null) =>
    json({ error, notice, confirm }, { status });
  const themes = await listThemes(db, questionnaireId);
  const source = themes.find((th) => th.id === form.get("id"));
  if (!source) return reply(404, t("themes.notFound"), null);
  const target = intent === "merge" ? themes.find((th) => th.id === form.get("target")) : undefined;
  if (intent === "merge" && (!target || target.id === source.id)) return reply(400, t("themes.mergeTargetInvalid"), null);
  const uses = await themeUses(db, source.id);
  if (intent === "delete" && uses > 0) return reply(409, t("themes.inUse", { count: uses }), null);
  if (form.get("confirmed") !== "yes")
    return reply(200, null, null, {
      intent,
      id: source.id,
      code: source.code,
      targetId: target?.id ?? "",
      targetCode: target?.code ?? "",
      uses,
    });
  // The move, the removal and its audit entry stand or fall together.
  await db.transaction().execute(async (trx) => {
    const moved = target ? await mergeTheme(trx, source.id, target.id) : 0;
    await deleteTheme(trx, questionnaireId, source.id);
    await logAudit(trx, {
      actor: user,
      action: target ? "theme.merge" : "theme.delete",
      targetType: "theme",
      targetId: source.id,
      details: target ? { code: source.code, into: target.code, moved } : { code: source.code },
    });
  });
  return reply(
    200,
    null,
    target
      ? t("themes.merged", { code: source.code, into: target.code, count: uses })
      : t("themes.deleted", { code: source.code }),
  );
}

/** What the organiser confirms (or cancels) before a theme is deleted or merged. */
function ConfirmRemoval({ confirm, questionnaireId }: { confirm: Confirm; questionnaireId: string }) {
  const { t } = useTranslation("organiser");
  return (
    <Form method="post" className="notice theme-confirm">
      <p>
        {confirm.intent === "merge"
          ? t("themes.confirmMerge", { code: confirm.code, into: confirm.targetCode, count: confirm.uses })
          : t("themes.confirmDelete", { code: confirm.code })}
      </p>
      <input type="hidden" name="q" value={questionnaireId} />
      <input type="hidden" name="id" value={confirm.id} />
      <input type="hidden" name="target" value={confirm.targetId} />
      <input type="hidden" name="confirmed" value="yes" />
      <div className="actions">
        <button type="submit" name="intent" value={confirm.intent}>
          {confirm.intent === "merge" ? t("themes.merge") : t("themes.delete")}
        </button>
        <a href={`?q=${questionnaireId}`}>{t("themes.cancel")}</a>
      </div>
    </Form>
  );
}

/** A theme row's button, named with the theme's code for screen readers; only saving checks the fields. */
function ThemeButton({ intent, code }: { intent: "update" | "delete" | "merge"; code: string }) {
  const { t } = useTranslation("organiser");
  return (
    <button type="submit" name="intent" value={intent} className="secondary" formNoValidate={intent !== "update"}>
      {t(intent === "update" ? "themes.save" : `themes.${intent}`)}
      <span className="visually-hidden"> {code}</span>
    </button>
  );
}

/** A label and a description per language, for one theme (`prefix` keeps the ids apart). */
function LabelFields({
  prefix,
  languages,
  labels,
}: {
  prefix: string;
  languages: Array<{ code: string; name: string; required: boolean }>;
  labels: Record<string, ThemeWording>;
}) {
  const { t } = useTranslation("organiser");
  return (
    <div className="theme-fields">
      {languages.map(({ code, name, required }) => (
        <div key={code}>
          <div className="question">
            <label htmlFor={`${prefix}-label-${code}`}>
              {t("themes.label", { language: name })}
              {required ? null : <span className="muted"> ({t("themes.optional")})</span>}
            </label>
            <input
              id={`${prefix}-label-${code}`}
              name={`label.${code}`}
              lang={code}
              defaultValue={labels[code]?.label ?? ""}
              required={required}
              maxLength={MAX_LABEL}
            />
          </div>
          <div className="question">
            <label htmlFor={`${prefix}-description-${code}`}>{t("themes.descriptionIn", { language: name })}</label>
            <input
              id={`${prefix}-description-${code}`}
              name={`description.${code}`}
              lang={code}
              defaultValue={labels[code]?.description ?? ""}
              maxLength={MAX_DESCRIPTION}
            />
          </div>
        </div>
      ))}
    </div>
  );
}

export default function Themes() {
  const { questionnaireId, canSeed, languages, themes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  return (
    <>
      <h1>{t("themes.title")}</h1>
      <p>{t("themes.intro")}</p>
      <Messages error={actionData?.error} notice={actionData?.notice} />
      {actionData && "confirm" in actionData && actionData.confirm ? (
        <ConfirmRemoval confirm={actionData.confirm} questionnaireId={questionnaireId} />
      ) : null}
      {themes.length === 0 ? <p>{t("themes.none")}</p> : null}
      {themes.length === 0 && canSeed ? (
        // Only in the empty state: beside "Add the theme" it was pressed by mistake.
        <Form method="post">
          <input type="hidden" name="q" value={questionnaireId} />
          <button type="submit" name="intent" value="seed" className="secondary">
            {t("themes.seed")}
          </button>
        </Form>
      ) : null}
      {themes.length === 0 && !canSeed ? <p>{t("themes.noSeed")}</p> : null}
      {themes.map((theme) => (
        <Form method="post" key={theme.id} className="theme-row">
          <fieldset>
            <legend>{theme.code}</legend>
            <input type="hidden" name="q" value={questionnaireId} />
            <input type="hidden" name="id" value={theme.id} />
            <LabelFields prefix={theme.id} languages={languages} labels={theme.labels} />
            <div className="actions">
              <ThemeButton intent="update" code={theme.code} />
              <ThemeButton intent="delete" code={theme.code} />
            </div>
            {themes.length > 1 ? (
              <div className="theme-merge">
                <label htmlFor={`${theme.id}-target`}>{t("themes.mergeInto", { code: theme.code })}</label>
                <select id={`${theme.id}-target`} name="target" defaultValue="">
                  <option value="">{t("themes.chooseTarget")}</option>
                  {themes
                    .filter((other) => other.id !== theme.id)
                    .map((other) => (
                      <option key={other.id} value={other.id}>
                        {other.code}
                      </option>
                    ))}
                </select>
                <ThemeButton intent="merge" code={theme.code} />
              </div>
            ) : null}
          </fieldset>
        </Form>
      ))}
      <h2>{t("themes.add")}</h2>
      <Form method="post">
        <input type="hidden" name="q" value={questionnaireId} />
        <div className="question">
          <label htmlFor="new-code">{t("themes.code")}</label>
          {/* No `pattern`: the browser's "match the requested format" would stand in for the app's own message. */}
          <input id="new-code" name="code" required maxLength={24} aria-describedby="new-code-hint" />
          <p id="new-code-hint" className="muted">
            {t("themes.codeInvalid")}
          </p>
        </div>
        <LabelFields prefix="new" languages={languages} labels={{}} />
        <div className="actions">
          <button type="submit" name="intent" value="create">
            {t("themes.create")}
          </button>
        </div>
      </Form>
    </>
  );
}
