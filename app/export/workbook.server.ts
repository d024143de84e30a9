import type { Questionnaire } from "~/engine/definition";
import type { Translate } from "./codebook";
import type { Column, ThemeColumn } from "./columns";
import {
  codedTable,
  groupTable,
  labelledTable,
  type DatasetOptions,
  type ResponseWithAnswers,
  type Table,
} from "./dataset.server";
import { sheetName, xlsxStream, type Sheet } from "./xlsx";

export interface WorkbookOptions extends DatasetOptions {
  /** The responses and group sheets in codes, as the coded CSV, instead of labels. */
  codes?: boolean;
}

const WIDTH = { min: 6, max: 60, header: 30 } as const;
const METADATA_WIDTH: Readonly<Record<string, number>> = { response_id: 38, invitation_id: 38 };

/** Characters a column needs: the header's (up to a limit) or what its values take, whichever is more. */
function columnWidth(header: string, column: Column | ThemeColumn | undefined, labels: boolean): number {
  const kind = column && "kind" in column ? column.kind : undefined;
  const content =
    column === undefined
      ? (METADATA_WIDTH[header] ?? 24)
      : kind === "text"
        ? Math.min("maxLength" in column ? (column.maxLength ?? 30) : 30, 50)
        : kind === "date"
          ? 11
          : labels && (kind === "categorical" || kind === "flag")
            ? 24
            : 8;
  return Math.min(Math.max(Math.min(header.length, WIDTH.header) + 2, content, WIDTH.min), WIDTH.max);
}

function tableSheet(name: string, table: Table, labels: boolean): Sheet {
  const metadataCount = table.header.length - table.columns.length;
  return {
    name: sheetName(name),
    header: table.header,
    widths: table.header.map((h, i) => columnWidth(h, i < metadataCount ? undefined : table.columns[i - metadataCount], labels)),
    rows: () => table.rows,
  };
}

/**
 * The workbook: responses (labels in one language, or codes), one sheet per repeatable group
 * (with response_id), and the codebook. Each data sheet reads the responses once.
 */
export function workbook(
  questionnaire: Questionnaire,
  batches: () => AsyncIterable<ResponseWithAnswers[]>,
  codebook: Array<Array<string | number>>,
  t: Translate,
  language: string,
  options: WorkbookOptions,
): AsyncGenerator<Uint8Array> {
  const labels = !options.codes;
  const responses = labels
    ? labelledTable(questionnaire, batches(), t, language, options)
    : codedTable(questionnaire, batches(), options);
  const groups = questionnaire.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type === "group")
    .map((g) =>
      tableSheet(g.id, groupTable(questionnaire, g.id, batches(), options, labels ? { t, language } : undefined), labels),
    );
  const [header = [], ...rows] = codebook;
  return xlsxStream([
    tableSheet("responses", responses, labels),
    ...groups,
    {
      name: "codebook",
      header: header.map(String),
      widths: header.map((h) => (String(h).startsWith("label_") || String(h).startsWith("values_") ? 50 : 16)),
      rows: async function* () {
        yield rows;
      },
    },
  ]);
}
