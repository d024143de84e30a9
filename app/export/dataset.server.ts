import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Database, ResponseRow } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { applyFilters } from "~/models/response-list.server";
import type { ResponseFilters } from "~/organiser/filters";
import { countryName } from "~/engine/countries";
import { resolveAnswers, type StoredRow } from "~/engine/answer-states";
import { itemAnswer } from "~/engine/dataset-model";
import { MISSING } from "~/engine/missing";
import { notAskedIn, pooledCell } from "~/engine/pooled-dataset";
import { MISSING_LABEL_KEYS, type MissingCode } from "~/engine/missing";
import {
  datasetColumns,
  GROUP_METADATA_COLUMNS,
  groupColumns,
  METADATA_COLUMNS,
  type Cell,
  type Column,
  type CodingOfAnswer,
  type ColumnOptions,
  type StoredAnswer,
  type ThemeColumn,
} from "./columns";
import { codingsOfResponses } from "~/models/coding.server";
import { bomFor, csvRows, type CsvOptions } from "./csv";
import type { Translate } from "./codebook";
import { encodeForSpss, measureRow, type ColumnMeasure } from "./syntax";

const BATCH = 100;

export interface ResponseWithAnswers {
  response: ResponseRow;
  answers: Map<string, StoredAnswer>;
  /** Coders' readings of open answers, by variable. */
  codings: Map<string, CodingOfAnswer[]>;
}

/**
 * The consultation a response belongs to. One not linked to any (null: stored without one) belongs to its
 * questionnaire's first consultation, whose id is the questionnaire's (see the consultation records migration).
 */
const consultationOf = (r: ResponseRow) => r.consultation_id ?? r.questionnaire_id;

/** Which responses a dataset pools, beyond the filters. */
export interface DatasetScope {
  /** The versions pooled: each response is read with its own (the questionnaire, the latest, by default). */
  versions?: readonly Questionnaire[];
  /** Only the responses of these consultations; every consultation when absent. */
  consultationIds?: readonly string[];
}

/** The responses of the filters in the scope's consultations: what a dataset pools and its README counts. */
export function scopedResponses<O>(
  query: SelectQueryBuilder<Database, "responses", O>,
  filters: ResponseFilters,
  scope: DatasetScope,
) {
  const filtered = applyFilters(query, filters);
  if (!scope.consultationIds) return filtered;
  const ids = [...scope.consultationIds];
  return filtered.where((eb) => eb.fn.coalesce("responses.consultation_id", "responses.questionnaire_id"), "in", ids);
}

/** How many responses a dataset holds (the zip's README says). */
export async function countScoped(db: Kysely<Database>, filters: ResponseFilters, scope: DatasetScope): Promise<number> {
  const row = await scopedResponses(
    db.selectFrom("responses").select((eb) => eb.fn.countAll<number>().as("n")),
    filters,
    scope,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The versions the responses of a dataset were answered in, oldest first. */
export async function versionsAnswered(db: Kysely<Database>, filters: ResponseFilters, scope: DatasetScope): Promise<number[]> {
  const rows = await scopedResponses(
    db.selectFrom("responses").select("responses.questionnaire_version").distinct(),
    filters,
    scope,
  )
    .orderBy("responses.questionnaire_version")
    .execute();
  return rows.map((r) => r.questionnaire_version);
}

/** Responses matching the filters with their answers, a batch at a time: never the whole dataset in memory. */
export async function* responseBatches(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  filters: ResponseFilters,
  scope: DatasetScope = {},
): AsyncGenerator<ResponseWithAnswers[]> {
  const versions = new Map((scope.versions ?? []).map((q) => [q.version, q]));
  let after = "";
  for (;;) {
    const responses = await scopedResponses(db.selectFrom("responses").selectAll(), filters, scope)
      .where("responses.id", ">", after)
      .orderBy("responses.id")
      .limit(BATCH)
      .execute();
    if (!responses.length) return;
    after = responses.at(-1)!.id;
    const rows = await db
      .selectFrom("answers")
      .select(["response_id", "variable", "state", "value", "other_text"])
      .where(
        "response_id",
        "in",
        responses.map((r) => r.id),
      )
      .execute();
    const stored = new Map<string, Map<string, StoredRow>>(responses.map((r) => [r.id, new Map()]));
    for (const row of rows) {
      stored.get(row.response_id)!.set(row.variable, {
        state: row.state,
        value: row.value === null ? null : JSON.parse(row.value),
        otherText: row.other_text,
      });
    }
    // "Not shown" is recomputed from the answers by the skip logic of the response's own version, as on the detail page.
    const byResponse = new Map<string, Map<string, StoredAnswer>>(
      responses.map((r) => [r.id, resolveAnswers(versions.get(r.questionnaire_version) ?? questionnaire, stored.get(r.id)!)]),
    );
    const codings = new Map<string, Map<string, CodingOfAnswer[]>>(responses.map((r) => [r.id, new Map()]));
    for (const c of await codingsOfResponses(
      db,
      responses.map((r) => r.id),
    )) {
      const byVariable = codings.get(c.response_id)!;
      byVariable.set(c.variable, [
        ...(byVariable.get(c.variable) ?? []),
        { coderId: c.coder_id, coded: c.coded === 1, themeIds: c.themeIds, note: c.note },
      ]);
    }
    yield responses.map((response) => ({ response, answers: byResponse.get(response.id)!, codings: codings.get(response.id)! }));
  }
}

const metadataCells = (r: ResponseRow): Cell[] => [
  r.id,
  r.questionnaire_version,
  consultationOf(r),
  r.language,
  r.status,
  r.created_at,
  r.submitted_at ?? "",
  r.invitation_id ?? "",
];

export interface DatasetOptions extends CsvOptions, ColumnOptions {
  includePersonal?: boolean;
  /** Theme columns of coded open answers, appended after the answers. */
  themeColumns?: ThemeColumn[];
}

/** A dataset file's header and its rows, a batch at a time: what the CSV and the workbook both write. */
export interface Table {
  header: string[];
  /** The variable of each column after the metadata columns, for widths and types. */
  columns: Array<Column | ThemeColumn>;
  rows: AsyncIterable<Cell[][]>;
}

/** A table as CSV, chunk by chunk. */
export async function* tableCsv(table: Table, options: CsvOptions = {}): AsyncGenerator<string> {
  yield bomFor(options) + csvRows([table.header], options);
  for await (const rows of table.rows) yield csvRows(rows, options);
}

/** The coded table: one row per response, codes not labels, theme columns last. */
export function codedTable(
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions = {},
): Table {
  const columns = datasetColumns(questionnaire, options);
  const themes = options.themeColumns ?? [];
  // A theme column reads "not asked" where its answer's variable was not asked.
  const answerColumns = new Map(datasetColumns(questionnaire, { ...options, includePersonal: true }).map((c) => [c.name, c]));
  const themeCell = (c: ThemeColumn, { response, answers, codings }: ResponseWithAnswers) => {
    const answer = answerColumns.get(c.question.id);
    if (answer && notAskedIn(answer, response.questionnaire_version)) return MISSING.notAsked;
    return c.cell(answers.get(c.question.id), codings.get(c.question.id));
  };
  return {
    header: [...METADATA_COLUMNS, ...columns.map((c) => c.name), ...themes.map((c) => c.name)],
    columns: [...columns, ...themes],
    rows: (async function* () {
      for await (const batch of batches)
        yield batch.map((row) => [
          ...metadataCells(row.response),
          ...columns.map((c) => pooledCell(c, row.response.questionnaire_version, row.answers.get(c.question.id))),
          ...themes.map((c) => themeCell(c, row)),
        ]);
    })(),
  };
}

// A header needs no rows.
async function* noBatches(): AsyncGenerator<ResponseWithAnswers[]> {}

/** The coded file's header, and its rows without it (the native .sav and .dta writers and the SPSS data file). */
export const codedHeader = (questionnaire: Questionnaire, options: DatasetOptions = {}) =>
  codedTable(questionnaire, noBatches(), options).header;
export const codedRows = (
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions = {},
) => codedTable(questionnaire, batches, options).rows;

/** The coded CSV, chunk by chunk: one row per response, codes not labels. */
export function codedCsv(
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions = {},
): AsyncGenerator<string> {
  return tableCsv(codedTable(questionnaire, batches, options), options);
}

/**
 * The data file of the SPSS syntax: the coded rows with line breaks and backslashes encoded
 * (encodeForSpss), no byte-order mark, text as typed; `measure` learns each column's widths.
 */
async function* spssDataCsv(header: string[], rows: AsyncIterable<Cell[][]>, measure: ColumnMeasure): AsyncGenerator<string> {
  yield csvRows([header], { neutraliseFormulas: false });
  for await (const chunk of rows) {
    const encoded = chunk.map((row) => row.map(encodeForSpss));
    for (const row of encoded) measureRow(measure, row);
    yield csvRows(encoded, { neutraliseFormulas: false });
  }
  measure.complete = true;
}

export const spssMainData = (
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions,
  measure: ColumnMeasure,
) => spssDataCsv(codedHeader(questionnaire, options), codedRows(questionnaire, batches, options), measure);

export const spssGroupData = (
  questionnaire: Questionnaire,
  groupId: string,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions,
  measure: ColumnMeasure,
) => spssDataCsv(groupHeader(questionnaire, groupId, options), groupRows(questionnaire, groupId, batches, options), measure);

/**
 * The coding in long format: one row per coder, answer and theme; an answer coded with no theme has
 * one row without theme, and so has a note on an answer not coded yet (coded 0).
 */
export async function* codingCsv(
  batches: AsyncIterable<ResponseWithAnswers[]>,
  themeCodes: ReadonlyMap<string, string>,
  coderNames: ReadonlyMap<string, string>,
  options: DatasetOptions = {},
): AsyncGenerator<string> {
  yield bomFor(options) + csvRows([["response_id", "variable", "coder_id", "coder_name", "coded", "theme", "note"]], options);
  for await (const batch of batches) {
    const rows: Cell[][] = [];
    for (const { response, codings } of batch) {
      for (const [variable, readings] of codings) {
        for (const reading of readings) {
          const themes = reading.themeIds.map((id) => themeCodes.get(id) ?? id).sort();
          const coder = [reading.coderId, coderNames.get(reading.coderId) ?? "", reading.coded ? 1 : 0];
          for (const theme of themes.length ? themes : [""]) rows.push([response.id, variable, ...coder, theme, reading.note]);
        }
      }
    }
    yield csvRows(rows, options);
  }
}

/** The same label for the same key, looked up once: a dataset asks for each label thousands of times. */
function remembered(t: Translate): Translate {
  const labels = new Map<string, string>();
  return (key, vars) => {
    if (vars) return t(key, vars);
    let label = labels.get(key);
    if (label === undefined) labels.set(key, (label = t(key)));
    return label;
  };
}

/** A cell as words in one language: labels for codes, and the missing codes named. */
export function labelCell(column: Column, cell: Cell, t: Translate, language: string): Cell {
  if (typeof cell === "number" && (column.missing as number[]).includes(cell)) return t(MISSING_LABEL_KEYS[cell as MissingCode]);
  if (column.values === "countries") return countryName(String(cell), language);
  if (column.values.length) {
    const value = column.values.find((v) => v.code === Number(cell));
    return value ? t(value.labelKey) : cell;
  }
  if (column.joinedCodes) {
    const labels = new Map(column.joinedCodes.map((v) => [v.code, t(v.labelKey)]));
    return String(cell)
      .split(";")
      .map((code) => labels.get(Number(code)) ?? code)
      .join("; ");
  }
  return cell;
}

/** The labelled table in one language: the coded table's rows and answer columns, with labels for codes. */
export function labelledTable(
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  t: Translate,
  language: string,
  options: DatasetOptions = {},
): Table {
  const columns = datasetColumns(questionnaire, options);
  const label = remembered(t);
  return {
    header: [...METADATA_COLUMNS, ...columns.map((c) => c.name)],
    columns,
    rows: (async function* () {
      for await (const batch of batches)
        yield batch.map(({ response, answers }) => [
          ...metadataCells(response),
          ...columns.map((c) =>
            labelCell(c, pooledCell(c, response.questionnaire_version, answers.get(c.question.id)), label, language),
          ),
        ]);
    })(),
  };
}

/** The labelled CSV in one language: the same rows and columns, with labels for codes. */
export function labelledCsv(
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  t: Translate,
  language: string,
  options: DatasetOptions = {},
): AsyncGenerator<string> {
  return tableCsv(labelledTable(questionnaire, batches, t, language, options), options);
}

/** A repeatable group in long format: one row per item, with the parent response id; in codes, or labels in one language. */
export function groupTable(
  questionnaire: Questionnaire,
  groupId: string,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions = {},
  labels?: { t: Translate; language: string },
): Table {
  const group = questionnaire.sections.flatMap((s) => s.questions).find((q) => q.id === groupId);
  if (group?.type !== "group") throw new Error(`${groupId} is not a repeatable group`);
  const columns = groupColumns(questionnaire, groupId, options);
  const label = labels && remembered(labels.t);
  return {
    header: [...GROUP_METADATA_COLUMNS, ...columns.map((c) => c.name)],
    columns,
    rows: (async function* () {
      for await (const batch of batches) {
        const rows: Cell[][] = [];
        for (const { response, answers } of batch) {
          const stored = answers.get(groupId);
          if (stored?.state !== "answered" || !Array.isArray(stored.value)) continue;
          (stored.value as Array<Record<string, unknown>>).forEach((item, index) => {
            const cells = columns.map((c) => {
              const cell = pooledCell(c, response.questionnaire_version, itemAnswer(item, c.question.id));
              return labels && label ? labelCell(c, cell, label, labels.language) : cell;
            });
            rows.push([response.id, groupId, index + 1, ...cells]);
          });
        }
        yield rows;
      }
    })(),
  };
}

/** A repeatable group's header, and its rows without it. */
export const groupHeader = (questionnaire: Questionnaire, groupId: string, options: DatasetOptions = {}) =>
  groupTable(questionnaire, groupId, noBatches(), options).header;
export const groupRows = (
  questionnaire: Questionnaire,
  groupId: string,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions = {},
) => groupTable(questionnaire, groupId, batches, options).rows;

/** A repeatable group's long file as CSV. */
export function groupCsv(
  questionnaire: Questionnaire,
  groupId: string,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions = {},
): AsyncGenerator<string> {
  return tableCsv(groupTable(questionnaire, groupId, batches, options), options);
}

/** A repeatable group's items with labels for codes, in one language (guarded for spreadsheets like the labelled file). */
export function labelledGroupCsv(
  questionnaire: Questionnaire,
  groupId: string,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  t: Translate,
  language: string,
  options: DatasetOptions = {},
): AsyncGenerator<string> {
  return tableCsv(groupTable(questionnaire, groupId, batches, options, { t, language }), options);
}
