import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allows } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { FilterFields } from "~/components/organiser/filter-fields";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { filterOptions } from "~/organiser/filter-options.server";
import { readFilters } from "~/organiser/filters";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Consulta" }];

function questionnaireOf(params: URLSearchParams) {
  return getQuestionnaire(params.get("q") ?? defaultQuestionnaireId);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "exportData");
  const language = await languageOf(request);
  const questionnaire = questionnaireOf(new URL(request.url).searchParams);
  if (!questionnaire) throw new Response(fixedT(language)("errors.notFound"), { status: 404 });
  const { filters } = readFilters(
    new URL(request.url).searchParams,
    questionnaire.id,
    { languages: supportedLanguages, variables: questionnaire.organiserFilters ?? [] },
    { statuses: ["submitted"] },
  );
  return json({
    questionnaireId: questionnaire.id,
    filters,
    options: filterOptions(questionnaire, language),
    languages: supportedLanguages,
    mayExportPersonal: allows(user.role, "exportPersonalData"),
  });
}

export default function Export() {
  const { questionnaireId, filters, options, languages, mayExportPersonal } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organiser");
  return (
    <>
      <h1>{t("export.title")}</h1>
      <p>{t("export.intro")}</p>
      <Form method="post" action="/organiser/export.csv" reloadDocument>
        <input type="hidden" name="q" value={questionnaireId} />
        <FilterFields filters={filters} options={options} languages={languages} />
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
