import type { Kysely } from "kysely";
import Papa from "papaparse";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { applyFilters } from "~/models/response-list.server";
import type { ResponseFilters } from "~/organiser/filters";
import { datasetColumns, METADATA_COLUMNS, type Cell, type StoredAnswer } from "./columns";

export interface ExportOptions {
  filters: ResponseFilters;
  /** Personal-data questions (names, contact details) are left out unless asked for. */
  includePersonal?: boolean;
}

const BATCH = 500;

/**
 * The coded dataset: one row per response, one column per variable, codes not labels.
 * Text cells that a spreadsheet would run as a formula are neutralised.
 */
export async function exportCodedCsv(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  options: ExportOptions,
): Promise<{ csv: string; count: number }> {
  const columns = datasetColumns(questionnaire).filter((c) => options.includePersonal || !c.question.personal);
  const header = [...METADATA_COLUMNS, ...columns.map((c) => c.name)];
  const parts = [Papa.unparse([header], { newline: "\r\n" })];
  let count = 0;

  let after = "";
  for (;;) {
    const responses = await applyFilters(db.selectFrom("responses").selectAll(), options.filters)
      .where("responses.id", ">", after)
      .orderBy("responses.id")
      .limit(BATCH)
      .execute();
    if (responses.length === 0) break;
    after = responses[responses.length - 1]!.id;

    const answerRows = await db
      .selectFrom("answers")
      .select(["response_id", "variable", "state", "value", "other_text"])
      .where("response_id", "in", responses.map((r) => r.id))
      .execute();
    const byResponse = new Map<string, Map<string, StoredAnswer>>();
    for (const row of answerRows) {
      let answers = byResponse.get(row.response_id);
      if (!answers) byResponse.set(row.response_id, (answers = new Map()));
      answers.set(row.variable, {
        state: row.state,
        value: row.value === null ? null : JSON.parse(row.value),
        otherText: row.other_text,
      });
    }

    const rows: Cell[][] = responses.map((r) => {
      const answers = byResponse.get(r.id);
      return [
        r.id,
        r.questionnaire_version,
        r.language,
        r.status,
        r.created_at,
        r.submitted_at ?? "",
        r.invitation_id ?? "",
        ...columns.map((c) => c.cell(answers?.get(c.question.id))),
      ];
    });
    parts.push(Papa.unparse(rows, { newline: "\r\n", escapeFormulae: true }));
    count += rows.length;
  }
  // The byte-order mark lets Excel read the file as UTF-8; R, SPSS and Stata skip it.
  return { csv: "\uFEFF" + parts.join("\r\n") + "\r\n", count };
}
