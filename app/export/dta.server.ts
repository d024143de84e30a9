import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Questionnaire } from "~/engine/definition";
import type { VariableDescription } from "./codebook";
import type { Cell } from "./columns";
import { codedRows, type DatasetOptions, type ResponseWithAnswers } from "./dataset.server";
import { dtaFile, type DtaVariable } from "./dta";
import { storage } from "./syntax";

/** The codebook's description of a coded column as the Stata writer stores it. */
export function dtaVariables(variables: VariableDescription[]): DtaVariable[] {
  return variables.map((v) => {
    const numeric = storage(v).numeric;
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
async function* spooled(file: string): AsyncGenerator<Cell[][]> {
  let rest = "";
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 })) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop()!;
    yield lines.map((line) => JSON.parse(line) as Cell[]);
  }
}

/**
 * The coded dataset as a Stata file. The writer reads the rows more than once (widths first), so
 * the rows are read from the database once and spooled to a temporary file: every pass sees the
 * same responses even while respondents keep saving, and memory holds one batch at a time.
 */
export async function* dtaDataset(
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  variables: VariableDescription[],
  label: string,
  options: DatasetOptions,
): AsyncGenerator<Uint8Array> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "consulta-dta-"));
  try {
    const file = path.join(dir, "rows.jsonl");
    const out = await fs.promises.open(file, "w");
    try {
      for await (const rows of codedRows(questionnaire, batches, options).batches) {
        await out.write(rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
      }
    } finally {
      await out.close();
    }
    yield* dtaFile(dtaVariables(variables), () => spooled(file), { label, timestamp: new Date() });
  } finally {
    // Also when the download is abandoned: the generator's return() runs this.
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
