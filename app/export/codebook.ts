import { countryCodes, countryName } from "~/engine/countries";
import type { Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import type { MeasurementLevel } from "~/engine/dataset-model";
import { MISSING_LABEL_KEYS } from "~/engine/missing";
import { GROUP_METADATA_COLUMNS, METADATA_COLUMNS, type Column, type DatasetColumn } from "./columns";
import { skipRule } from "./skip-rule";

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export interface ValueLabel {
  code: number | string;
  label: string;
}

/** One variable of the dataset as analysts need it, in one language. */
export interface VariableDescription {
  variable: string;
  section: string;
  label: string;
  type: Column["kind"] | "metadata";
  /** Nominal, ordinal or scale, as the dataset model says (metadata: nominal, counters: scale). */
  level: MeasurementLevel;
  values: ValueLabel[];
  skipRule: string;
  /** Missing-value codes that can occur in this column, with their labels. */
  missing: ValueLabel[];
  personal: boolean;
  /** Storage hints for the syntax files: the longest text, numbers without decimals. */
  maxLength?: number;
  integer?: boolean;
}

const missingLabels = (column: Column, t: Translate): ValueLabel[] =>
  column.missing.map((code) => ({ code, label: t(MISSING_LABEL_KEYS[code]) }));

/** The variable label: the question's wording, with the row, rank or option it is about. */
function variableLabel(column: Column, t: Translate): string {
  const q = column.question;
  const groupId = column.group;
  const base = groupId ? t(wordingKey.itemLabel(groupId, q)) : t(wordingKey.label(q));
  if (column.otherText) return `${base} – ${t("organiser:codebook.otherText")}`;
  if (column.joined) return `${base} – ${t("organiser:codebook.joined")}`;
  if (column.kind === "count") return `${base} – ${t("organiser:codebook.count")}`;
  if (column.row !== undefined && q.type === "matrix") return `${base} – ${t(wordingKey.option(q.rows, column.row))}`;
  if (column.rank !== undefined) return `${base} – ${t("organiser:codebook.rank", { n: column.rank })}`;
  if (column.kind === "flag" && column.option !== undefined && column.list)
    return `${base} – ${t(wordingKey.option(column.list, column.option))}`;
  return base;
}

function valueLabels(column: Column, t: Translate, language: string): ValueLabel[] {
  if (column.values === "countries")
    return [...countryCodes].sort().map((code) => ({ code, label: countryName(code, language) }));
  return column.values.map((v) => ({ code: v.code, label: t(v.labelKey) }));
}

export function describeColumn(
  column: Column,
  questionnaire: Questionnaire,
  t: Translate,
  language: string,
): VariableDescription {
  return {
    variable: column.name,
    section: column.section,
    label: variableLabel(column, t),
    type: column.kind,
    level: column.level,
    values: valueLabels(column, t, language),
    skipRule: skipRule(questionnaire, column.group ?? column.question.id, t, language),
    missing: missingLabels(column, t),
    personal: Boolean(column.question.personal),
    ...(column.maxLength ? { maxLength: column.maxLength } : {}),
    ...(column.integer ? { integer: true } : {}),
  };
}

const metadataVariable = (variable: string, label: string, values: ValueLabel[] = []): VariableDescription => ({
  variable,
  section: "",
  label,
  type: "metadata",
  level: variable === "item" ? "scale" : "nominal",
  values,
  skipRule: "",
  missing: [],
  personal: false,
});

/** Metadata columns (response id, status, times; a group file's group and item) as the codebook describes them. */
export function describeMetadata(variables: readonly string[], t: Translate): VariableDescription[] {
  return variables.map((variable) =>
    metadataVariable(
      variable,
      t(`organiser:codebook.metadata.${variable}`),
      variable === "status"
        ? [
            { code: "submitted", label: t("organiser:status.submitted") },
            { code: "draft", label: t("organiser:status.draft") },
          ]
        : [],
    ),
  );
}

/** The main dataset's variables, metadata first. */
export function describeDataset(
  questionnaire: Questionnaire,
  columns: DatasetColumn[],
  t: Translate,
  language: string,
): VariableDescription[] {
  return [...describeMetadata(METADATA_COLUMNS, t), ...columns.map((c) => describeColumn(c, questionnaire, t, language))];
}

/** A repeatable group's long file: its parent key, group and item number, then the item variables. */
export function describeGroupFile(
  questionnaire: Questionnaire,
  columns: Column[],
  t: Translate,
  language: string,
): VariableDescription[] {
  const labels: Record<(typeof GROUP_METADATA_COLUMNS)[number], string> = {
    response_id: t("organiser:codebook.metadata.response_id"),
    group: t("organiser:codebook.group"),
    item: t("organiser:codebook.itemNumber"),
  };
  const metadata = GROUP_METADATA_COLUMNS.map((variable) => metadataVariable(variable, labels[variable]));
  return [...metadata, ...columns.map((c) => describeColumn(c, questionnaire, t, language))];
}
