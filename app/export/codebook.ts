import { countryCodes, countryName } from "~/engine/countries";
import type { Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import { MISSING, type Column, type DatasetColumn } from "./columns";
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
  values: ValueLabel[];
  skipRule: string;
  /** Missing-value codes that can occur in this column, with their labels. */
  missing: ValueLabel[];
  personal: boolean;
}

function missingLabels(column: Column, t: Translate): ValueLabel[] {
  const codes: ValueLabel[] = [
    { code: MISSING.noAnswer, label: t("organiser:codebook.noAnswer") },
    { code: MISSING.notShown, label: t("organiser:codebook.notShown") },
  ];
  const dontKnow = column.question.type === "matrix" && column.question.dontKnow;
  if (dontKnow) codes.push({ code: MISSING.dontKnow, label: t("common:form.dontKnow") });
  return codes;
}

/** The variable label: the question's wording, with the row, rank or option it is about. */
function variableLabel(column: Column, questionnaire: Questionnaire, t: Translate, groupId?: string): string {
  const q = column.question;
  const base = groupId ? t(wordingKey.itemLabel(groupId, q.id)) : t(wordingKey.label(q.id));
  if (column.otherText) return `${base} – ${t("organiser:codebook.otherText")}`;
  if (column.joined) return `${base} – ${t("organiser:codebook.joined")}`;
  if (column.kind === "count") return `${base} – ${t("organiser:codebook.count")}`;
  if (column.row !== undefined && q.type === "matrix") return `${base} – ${t(wordingKey.option(q.rows, column.row))}`;
  if (column.rank !== undefined) return `${base} – ${t("organiser:codebook.rank", { n: column.rank })}`;
  if (column.kind === "flag" && column.option !== undefined && column.list)
    return `${base} – ${t(wordingKey.option(column.list, column.option))}`;
  return base;
}

function valueLabels(column: Column, questionnaire: Questionnaire, t: Translate, language: string): ValueLabel[] {
  if (column.kind === "flag") {
    return column.question.type === "consent"
      ? [{ code: 1, label: t("organiser:codebook.given") }]
      : [
          { code: 0, label: t("organiser:codebook.notChosen") },
          { code: 1, label: t("organiser:codebook.chosen") },
        ];
  }
  if (column.kind !== "categorical") return [];
  if (column.countries) return [...countryCodes].sort().map((code) => ({ code, label: countryName(code, language) }));
  return questionnaire.lists[column.list!]!.map((o) => ({ code: o.code, label: t(wordingKey.option(column.list!, o.code)) }));
}

export function describeColumn(
  column: Column & { section?: string },
  questionnaire: Questionnaire,
  t: Translate,
  language: string,
  groupId?: string,
): VariableDescription {
  const sectionOf =
    column.section ??
    questionnaire.sections.find((s) => s.questions.some((q) => q.id === (groupId ?? column.question.id)))?.id ??
    "";
  return {
    variable: column.name,
    section: sectionOf,
    label: variableLabel(column, questionnaire, t, groupId),
    type: column.kind,
    values: valueLabels(column, questionnaire, t, language),
    skipRule: skipRule(questionnaire, groupId ?? column.question.id, t, language),
    missing: missingLabels(column, t),
    personal: Boolean(column.question.personal),
  };
}

/** The main dataset's variables, metadata first. */
export function describeDataset(
  questionnaire: Questionnaire,
  columns: DatasetColumn[],
  t: Translate,
  language: string,
): VariableDescription[] {
  const metadata = [
    "response_id",
    "questionnaire_version",
    "language",
    "status",
    "started_at",
    "submitted_at",
    "invitation_id",
  ].map((variable): VariableDescription => ({
    variable,
    section: "",
    label: t(`organiser:codebook.metadata.${variable}`),
    type: "metadata",
    values:
      variable === "status"
        ? [
            { code: "submitted", label: t("organiser:status.submitted") },
            { code: "draft", label: t("organiser:status.draft") },
          ]
        : [],
    skipRule: "",
    missing: [],
    personal: false,
  }));
  return [...metadata, ...columns.map((c) => describeColumn(c, questionnaire, t, language))];
}
