import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allows } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { FilterFields } from "~/components/organiser/filter-fields";
import { FORMATS } from "~/export/export.server";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { filterOptions } from "~/organiser/filter-options.server";
import { readFilters } from "~/organiser/filters";
import { findConsultation, listConsultations } from "~/models/consultation.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

/** The questionnaire asked for, else the one of the consultation asked for (`?c=`), else the default. */
async function questionnaireOf(params: URLSearchParams) {
  const consultation = params.get("c") ? await findConsultation(db, params.get("c")!) : undefined;
  return getQuestionnaire(params.get("q") ?? consultation?.questionnaireId ?? defaultQuestionnaireId);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "exportData");
  const language = await languageOf(request);
  const params = new URL(request.url).searchParams;
  const questionnaire = await questionnaireOf(params);
  if (!questionnaire) throw new Response(fixedT(language)("errors.notFound"), { status: 404 });
  const consultations = await listConsultations(db, questionnaire.id);
  // The consultation the organiser came from, else every consultation of the questionnaire.
  const chosen = consultations.some((c) => c.id === params.get("c")) ? [params.get("c")!] : consultations.map((c) => c.id);
  const { filters } = readFilters(
    new URL(request.url).searchParams,
    questionnaire.id,
    { languages: supportedLanguages, variables: questionnaire.organiserFilters ?? [] },
    { statuses: ["submitted"] },
  );
  return json({
    questionnaireId: questionnaire.id,
    consultations: consultations.map((c) => ({ id: c.id, name: c.name, version: c.questionnaireVersion })),
    chosen,
    filters,
    options: filterOptions(questionnaire, language),
    languages: supportedLanguages,
    mayExportPersonal: allows(user.role, "exportPersonalData"),
    labelLanguages: questionnaire.languages,
    currentLanguage: language,
    // Everything first, then each format in the order the export defines them.
    formats: ["zip" as const, ...FORMATS.filter((f) => f !== "zip")],
  });
}

export default function Export() {
  const {
    questionnaireId,
    consultations,
    chosen,
    filters,
    options,
    languages,
    mayExportPersonal,
    labelLanguages,
    currentLanguage,
    formats,
  } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organiser");
  return (
    <>
      <h1>{t("export.title")}</h1>
      <p>{t("export.intro")}</p>
      <Form method="post" action="/organiser/export/file" reloadDocument>
        <input type="hidden" name="q" value={questionnaireId} />
        <fieldset aria-describedby="consultations-hint">
          <legend>{t("export.consultations")}</legend>
          <p id="consultations-hint" className="hint">
            {t("export.consultationsHint")}
          </p>
          {/* Says the choice was offered: none ticked is then a mistake, not "all". */}
          <input type="hidden" name="c_offered" value="1" />
          {consultations.map((c) => (
            <div className="choice" key={c.id}>
              <input type="checkbox" id={`c-${c.id}`} name="c" value={c.id} defaultChecked={chosen.includes(c.id)} />
              <label htmlFor={`c-${c.id}`}>
                {t("export.consultationChoice", { name: c.name, id: c.id, version: c.version })}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="question">
          <label htmlFor="format">{t("export.format")}</label>
          <select id="format" name="format" defaultValue="zip">
            {formats.map((f) => (
              <option key={f} value={f}>
                {t(`export.formats.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="question">
          <label htmlFor="labels">{t("export.labels")}</label>
          <select
            id="labels"
            name="labels"
            defaultValue={labelLanguages.includes(currentLanguage) ? currentLanguage : labelLanguages[0]}
          >
            {labelLanguages.map((l) => (
              <option key={l} value={l}>
                {t(`common:language.names.${l}`, { defaultValue: l })}
              </option>
            ))}
          </select>
        </div>
        <FilterFields filters={filters} options={options} languages={languages} />
        <fieldset>
          <legend>{t("export.options")}</legend>
          <div className="choice">
            <input type="checkbox" id="joined" name="joined" value="1" />
            <label htmlFor="joined">{t("export.joined")}</label>
          </div>
          <div className="choice">
            <input type="checkbox" id="raw" name="raw" value="1" />
            <label htmlFor="raw">{t("export.raw")}</label>
          </div>
          <div className="choice">
            <input type="checkbox" id="codes" name="codes" value="1" />
            <label htmlFor="codes">{t("export.codes")}</label>
          </div>
          <div className="choice">
            <input type="checkbox" id="nobom" name="nobom" value="1" />
            <label htmlFor="nobom">{t("export.noBom")}</label>
          </div>
        </fieldset>
        {mayExportPersonal ? (
          <div className="choice">
            <input type="checkbox" id="personal" name="personal" value="1" />
            <label htmlFor="personal">{t("export.includePersonal")}</label>
          </div>
        ) : null}
        <div className="actions">
          <button type="submit">{t("export.download")}</button>
        </div>
      </Form>
    </>
  );
}
