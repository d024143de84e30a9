import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { notFound } from "~/respondent/context.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = await languageOf(request);
  if (!getQuestionnaire(params.qid ?? "")) throw notFound(language);
  return json({ pageTitle: fixedT(language)("thanks.title") });
}

export default function Thanks() {
  const { t } = useTranslation("common");
  return (
    <>
      <h1>{t("thanks.title")}</h1>
      <p>{t("thanks.body")}</p>
    </>
  );
}
