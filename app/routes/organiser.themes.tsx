import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Messages } from "~/components/messages";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { createThemes, listThemes, updateTheme } from "~/models/coding.server";
import { seedThemes } from "~/organiser/coding.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

function questionnaireFrom(value: FormDataEntryValue | string | null) {
  return getQuestionnaire(typeof value === "string" && value ? value : defaultQuestionnaireId);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageThemes");
  const questionnaire = questionnaireFrom(new URL(request.url).searchParams.get("q"));
  if (!questionnaire)
    throw new Response(fixedT(await languageOf(request), "organiser")("export.unknownQuestionnaire"), { status: 404 });
  return json({ questionnaireId: questionnaire.id, themes: await listThemes(db, questionnaire.id) });
}

const text = (max: number, message: string) => z.string({ message }).trim().min(1, { message }).max(max, { message });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageThemes");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const questionnaire = questionnaireFrom(form.get("q"));
  if (!questionnaire) return json({ error: t("export.unknownQuestionnaire"), notice: null }, { status: 404 });
  const intent = form.get("intent");
  if (intent === "seed") {
    const added = await seedThemes(db, questionnaire.id);
    await logAudit(db, {
      actor: user,
      action: "themes.seed",
      targetType: "questionnaire",
      targetId: questionnaire.id,
      details: { added },
    });
    return json({ error: null, notice: t("themes.seeded", { count: added }) });
  }
  const schema = z.object({
    code: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,23}$/, { message: t("themes.codeInvalid") })
      .optional(),
    id: z.string().max(64).optional(),
    label_en: text(120, t("themes.labelRequired")),
    label_es: text(120, t("themes.labelRequired")),
    description: z.string().trim().max(1000).default(""),
  });
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ error: parsed.error.issues.map((i) => i.message).join(" "), notice: null }, { status: 400 });
  const { code, id, ...input } = parsed.data;
  if (intent === "update" && id) {
    if (!(await updateTheme(db, questionnaire.id, id, input)))
      return json({ error: t("themes.notFound"), notice: null }, { status: 404 });
    await logAudit(db, { actor: user, action: "theme.update", targetType: "theme", targetId: id });
    return json({ error: null, notice: t("coding.saved") });
  }
  if (!code) return json({ error: t("themes.codeInvalid"), notice: null }, { status: 400 });
  if (!(await createThemes(db, questionnaire.id, [{ code, ...input }])))
    return json({ error: t("themes.codeTaken"), notice: null }, { status: 409 });
  await logAudit(db, {
    actor: user,
    action: "theme.create",
    targetType: "questionnaire",
    targetId: questionnaire.id,
    details: { code },
  });
  return json({ error: null, notice: t("coding.saved") });
}

export default function Themes() {
  const { questionnaireId, themes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  return (
    <>
      <h1>{t("themes.title")}</h1>
      <p>{t("themes.intro")}</p>
      <Messages error={actionData?.error} notice={actionData?.notice} />
      {themes.length === 0 ? <p>{t("themes.none")}</p> : null}
      {themes.map((theme) => (
        <Form method="post" key={theme.id} className="theme-row">
          <fieldset>
            <legend>{theme.code}</legend>
            <input type="hidden" name="q" value={questionnaireId} />
            <input type="hidden" name="id" value={theme.id} />
            <div className="filters">
              <div className="question">
                <label htmlFor={`en-${theme.id}`}>{t("themes.labelEn")}</label>
                <input id={`en-${theme.id}`} name="label_en" defaultValue={theme.label_en} required maxLength={120} />
              </div>
              <div className="question">
                <label htmlFor={`es-${theme.id}`}>{t("themes.labelEs")}</label>
                <input id={`es-${theme.id}`} name="label_es" defaultValue={theme.label_es} required maxLength={120} />
              </div>
              <div className="question">
                <label htmlFor={`d-${theme.id}`}>{t("themes.description")}</label>
                <input id={`d-${theme.id}`} name="description" defaultValue={theme.description} maxLength={1000} />
              </div>
            </div>
            <button type="submit" name="intent" value="update" className="secondary">
              {t("themes.save")}
              <span className="visually-hidden"> {theme.code}</span>
            </button>
          </fieldset>
        </Form>
      ))}
      <Form method="post">
        <input type="hidden" name="q" value={questionnaireId} />
        <button type="submit" name="intent" value="seed" className="secondary">
          {t("themes.seed")}
        </button>
      </Form>
      <h2>{t("themes.add")}</h2>
      <Form method="post">
        <input type="hidden" name="q" value={questionnaireId} />
        <div className="question">
          <label htmlFor="new-code">{t("themes.code")}</label>
          <input id="new-code" name="code" required maxLength={24} pattern="[a-z][a-z0-9_]*" />
        </div>
        <div className="question">
          <label htmlFor="new-en">{t("themes.labelEn")}</label>
          <input id="new-en" name="label_en" required maxLength={120} />
        </div>
        <div className="question">
          <label htmlFor="new-es">{t("themes.labelEs")}</label>
          <input id="new-es" name="label_es" required maxLength={120} />
        </div>
        <div className="question">
          <label htmlFor="new-d">{t("themes.description")}</label>
          <input id="new-d" name="description" maxLength={1000} />
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="create">
            {t("themes.create")}
          </button>
        </div>
      </Form>
    </>
  );
}
