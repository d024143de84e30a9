import { countryCodes, countryName } from "~/engine/countries";
import type { Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import type { MeasurementLevel, Variable } from "~/engine/dataset-model";
import { MISSING_LABEL_KEYS } from "~/engine/missing";
import { GROUP_METADATA_COLUMNS, METADATA_COLUMNS, type Column, type DatasetColumn } from "./columns";
import { skipRule } from "./skip-rule";

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export interface ValueLabel {
  code: number | string;
  label: string;
  /** In a pooled dataset, a code whose label differs by version: each label with the versions that give it. */
  byVersion?: VersionedText[];
}

/** A text with the versions of the questionnaire that word it so. */
export interface VersionedText {
  versions: number[];
  text: string;
}

/** The consultations a pooled dataset holds, for the labels of its `consultation` column. */
export interface ConsultationLabel {
  id: string;
  name: string;
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
  /** In a dataset pooling several versions: the versions that ask this variable. */
  askedIn?: number[];
  /** In a dataset pooling several versions, a variable worded differently by version: each wording. */
  wordings?: VersionedText[];
  /** Storage hints for the syntax files: the longest text, numbers without decimals. */
  maxLength?: number;
  integer?: boolean;
}

const missingLabels = (column: Column, t: Translate): ValueLabel[] =>
  column.missing.map((code) => ({ code, label: t(MISSING_LABEL_KEYS[code]) }));

/** The variable label: the question's wording, with the row, rank or option it is about. */
function variableLabel(column: Variable, t: Translate): string {
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

/** Versions as the codebook lists them: "v1, v2". */
export const inVersions = (versions: number[]) => versions.map((v) => `v${v}`).join(", ");

/** A code's label; one that differs by version as each label with its versions ("Firm (v1) / Company (v2)"). */
export const valueLabelText = (x: ValueLabel) =>
  x.byVersion ? x.byVersion.map((b) => `${b.text} (${inVersions(b.versions)})`).join(" / ") : x.label;

/** Codes and their labels on one line ("1 = Yes | 2 = No"). */
export const valueLabelsText = (values: ValueLabel[]) => values.map((x) => `${x.code} = ${valueLabelText(x)}`).join(" | ");

/** A reworded variable's wording in each version ("v1: … | v2: …"); empty when all versions word it alike. */
export const wordingsText = (v: VariableDescription) =>
  (v.wordings ?? []).map((w) => `${inVersions(w.versions)}: ${w.text}`).join(" | ");

/** The texts of something each version words (a label, a code's label), when they differ. */
function versionedTexts(column: Column, text: (variable: Variable) => string | undefined): VersionedText[] | undefined {
  const byText = new Map<string, number[]>();
  for (const [version, variable] of column.asked) {
    const said = text(variable);
    if (said !== undefined) byText.set(said, [...(byText.get(said) ?? []), version]);
  }
  return byText.size > 1 ? [...byText].map(([said, versions]) => ({ versions, text: said })) : undefined;
}

function valueLabels(column: Column, t: Translate, language: string): ValueLabel[] {
  if (column.values === "countries")
    return [...countryCodes].sort().map((code) => ({ code, label: countryName(code, language) }));
  return column.values.map((v) => {
    const byVersion = versionedTexts(column, (own) => {
      const value = own.values !== "countries" ? own.values.find((x) => x.code === v.code) : undefined;
      return value && t(value.labelKey);
    });
    return { code: v.code, label: t(v.labelKey), ...(byVersion ? { byVersion } : {}) };
  });
}

/** What a pooled dataset adds to a variable: the versions asking it and, when reworded, each version's wording. */
function versionsOf(column: Column, t: Translate): Pick<VariableDescription, "askedIn" | "wordings"> {
  if (column.pooledVersions.length < 2) return {};
  const wordings = versionedTexts(column, (own) => variableLabel(own, t));
  return { askedIn: [...column.asked.keys()], ...(wordings ? { wordings } : {}) };
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
    ...versionsOf(column, t),
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

/**
 * Metadata columns (response id, consultation, status, times; a group file's group and item) as the
 * codebook describes them; the consultation column's codes are labelled with the consultations' names.
 */
export function describeMetadata(
  variables: readonly string[],
  t: Translate,
  consultations: readonly ConsultationLabel[] = [],
): VariableDescription[] {
  const values: Partial<Record<string, ValueLabel[]>> = {
    status: [
      { code: "submitted", label: t("organiser:status.submitted") },
      { code: "draft", label: t("organiser:status.draft") },
    ],
    consultation: consultations.map((c) => ({ code: c.id, label: c.name })),
  };
  return variables.map((variable) =>
    metadataVariable(variable, t(`organiser:codebook.metadata.${variable}`), values[variable] ?? []),
  );
}

/** The main dataset's variables, metadata first. */
export function describeDataset(
  questionnaire: Questionnaire,
  columns: DatasetColumn[],
  t: Translate,
  language: string,
  consultations: readonly ConsultationLabel[] = [],
): VariableDescription[] {
  return [
    ...describeMetadata(METADATA_COLUMNS, t, consultations),
    ...columns.map((c) => describeColumn(c, questionnaire, t, language)),
  ];
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
