import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Questionnaire } from "~/engine/definition";
import type { VariableDescription } from "./codebook";
import type { Cell } from "./columns";
import { codedRows, type DatasetOptions, type ResponseWithAnswers } from "./dataset.server";
import { dtaFile, type DtaVariable } from "./dta";
import { isNumeric } from "./syntax";

/** The codebook's description of a coded column as the Stata writer stores it. */
export function dtaVariables(variables: VariableDescription[]): DtaVariable[] {
  return variables.map((v) => {
    const numeric = isNumeric(v);
    const codes = (list: VariableDescription["values"]) =>
      list.flatMap((x) => (typeof x.code === "number" ? [{ code: x.code, label: x.label }] : []));
    return {
      name: v.variable,
      label: v.label,
      storage: v.type === "date" ? "date" : numeric ? "numeric" : "string",
      values: numeric ? codes(v.values) : [],
      missing: codes(v.missing),
    };
  });
}

/** Rows spooled as JSON lines (JSON escapes line breaks, so one row is one line), read back in batches. */
async function* spooled(spool: fs.promises.FileHandle): AsyncGenerator<Cell[][]> {
  let rest = "";
  const stream = spool.createReadStream({ start: 0, encoding: "utf8", highWaterMark: 1 << 16, autoClose: false });
  for await (const chunk of stream) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop()!;
    yield lines.map((line) => JSON.parse(line) as Cell[]);
  }
}

/**
 * The coded dataset as a Stata file. The writer reads the rows two or three times (widths first),
 * so they are read from the database once and spooled to a temporary file: reading the database
 * again would cost a whole coded CSV's time each pass, and the command line reads the live database,
 * where every pass must still see the same responses. Memory holds one batch at a time.
 */
export async function* dtaDataset(
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  variables: VariableDescription[],
  label: string,
  options: DatasetOptions,
): AsyncGenerator<Uint8Array> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "consulta-dta-"));
  const spool = await fs.promises.open(path.join(dir, "rows.jsonl"), "w+");
  // Unlinked at once and read through the open handle: nothing is left behind, even when the
  // download's worker is stopped midway and no cleanup code runs.
  await fs.promises.rm(dir, { recursive: true, force: true });
  try {
    for await (const rows of codedRows(questionnaire, batches, options)) {
      await spool.write(rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
    }
    yield* dtaFile(dtaVariables(variables), () => spooled(spool), { label, timestamp: new Date() });
  } finally {
    await spool.close();
  }
}
