import type { Questionnaire } from "~/engine/definition";
import { describeColumn, type Translate, type VariableDescription } from "./codebook";
import { groupColumns } from "./columns";
import { codedRows, groupRows, type DatasetOptions, type ResponseWithAnswers } from "./dataset.server";
import { savFile, type SavVariable } from "./sav";
import { savVariables } from "./sav-dataset";

type Batches = () => AsyncIterable<ResponseWithAnswers[]>;

/** The main dataset as a .sav: the coded file's rows and columns, described as in the codebook. */
export function datasetSav(
  questionnaire: Questionnaire,
  variables: VariableDescription[],
  batches: Batches,
  options: DatasetOptions,
  title: string,
): AsyncIterable<Uint8Array> {
  return savFile(savVariables(variables), () => codedRows(questionnaire, batches(), options), { fileLabel: title });
}

/** A repeatable group's items as a .sav: one case per item, with the parent key response_id. */
export function groupSav(
  questionnaire: Questionnaire,
  groupId: string,
  batches: Batches,
  t: Translate,
  language: string,
  options: DatasetOptions,
  title: string,
): AsyncIterable<Uint8Array> {
  const key = (name: string, type: SavVariable["type"], level: SavVariable["level"]): SavVariable => ({
    name,
    label: t(`organiser:codebook.metadata.${name}`),
    type,
    level,
    valueLabels: [],
    missing: [],
  });
  const keys = [key("response_id", "string", "nominal"), key("group", "string", "nominal"), key("item", "numeric", "ordinal")];
  const items = savVariables(
    groupColumns(questionnaire, groupId, options).map((c) => describeColumn(c, questionnaire, t, language)),
  );
  return savFile([...keys, ...items], () => groupRows(questionnaire, groupId, batches(), options), { fileLabel: title });
}
