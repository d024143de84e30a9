import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import type { Cell } from "~/engine/dataset-model";
import type { Questionnaire } from "~/engine/definition";
import { describeColumn, type Translate, type VariableDescription } from "./codebook";
import { groupColumns } from "./columns";
import { codedRows, groupRows, type DatasetOptions, type ResponseWithAnswers } from "./dataset.server";
import { savFile, type SavVariable } from "./sav";
import { savVariables } from "./sav-dataset";

type Batches = () => AsyncIterable<ResponseWithAnswers[]>;

/**
 * The .sav of rows read from the database once: the writer's first pass (widths, case count) also
 * keeps each batch as a line of JSON in a temporary file, and its second pass reads them back from
 * there. Reading and resolving the answers costs more than the file; it also makes both passes see
 * the same rows. The file is removed however the download ends.
 */
async function* spooledSav(
  variables: SavVariable[],
  rows: () => AsyncIterable<Cell[][]>,
  title: string,
): AsyncGenerator<Uint8Array> {
  const file = path.join(os.tmpdir(), `consulta-sav-${randomUUID()}.jsonl`);
  let passes = 0;
  async function* pass(): AsyncGenerator<Cell[][]> {
    if (passes++ === 0) {
      const fd = fs.openSync(file, "w");
      try {
        for await (const batch of rows()) {
          fs.writeSync(fd, `${JSON.stringify(batch)}\n`);
          yield batch;
        }
      } finally {
        fs.closeSync(fd);
      }
      return;
    }
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as Cell[][];
  }
  try {
    yield* savFile(variables, pass, { fileLabel: title });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The main dataset as a .sav: the coded file's rows and columns, described as in the codebook. */
export function datasetSav(
  questionnaire: Questionnaire,
  variables: VariableDescription[],
  batches: Batches,
  options: DatasetOptions,
  title: string,
): AsyncIterable<Uint8Array> {
  return spooledSav(savVariables(variables), () => codedRows(questionnaire, batches(), options), title);
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
  return spooledSav([...keys, ...items], () => groupRows(questionnaire, groupId, batches(), options), title);
}
