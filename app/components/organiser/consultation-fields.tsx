import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { CheckboxesField, SelectField, TextField } from "./field";

type Option = { value: string; label: string };
type Fields = Record<"name" | "region" | "languages" | "opensOn" | "closesOn", FieldMetadata<unknown>>;

/** What creating and editing a consultation both ask: its name, country group, languages and days. */
export function ConsultationDetailsFields({
  fields,
  regions,
  languages,
}: {
  fields: Fields;
  regions: Option[];
  languages: Option[];
}) {
  const { t } = useTranslation("organiser");
  return (
    <>
      <TextField meta={fields.name} label={t("consultations.name")} hint={t("consultations.nameHint")} required />
      <SelectField meta={fields.region} label={t("consultations.region")} options={regions} />
      <CheckboxesField meta={fields.languages} legend={t("consultations.languages")} options={languages} />
      <TextField meta={fields.opensOn} label={t("consultation.opensOn")} type="date" />
      <TextField meta={fields.closesOn} label={t("consultation.closesOn")} hint={t("consultation.closesOnHint")} type="date" />
    </>
  );
}
