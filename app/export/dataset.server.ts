import type { Kysely } from "kysely";
import type { Database, ResponseRow } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { applyFilters } from "~/models/response-list.server";
import type { ResponseFilters } from "~/organiser/filters";
import { countryName } from "~/engine/countries";
import { wordingKey } from "~/engine/wording";
import {
  datasetColumns,
  GROUP_METADATA_COLUMNS,
  groupColumns,
  METADATA_COLUMNS,
  MISSING,
  type Cell,
  type Column,
  type CodingOfAnswer,
  type StoredAnswer,
  type ThemeColumn,
} from "./columns";
import { codingsOfResponses } from "~/models/coding.server";
import type { AnswerValue } from "~/engine/conditions";
import { computeVisibility } from "~/engine/visibility";
import { bomFor, csvRows, type CsvOptions } from "./csv";
import type { Translate } from "./codebook";

const BATCH = 100;

export interface ResponseWithAnswers {
  response: ResponseRow;
  answers: Map<string, StoredAnswer>;
  /** Coders' readings of open answers, by variable. */
  codings: Map<string, CodingOfAnswer[]>;
}

/** Responses matching the filters with their answers, a batch at a time: never the whole dataset in memory. */
export async function* responseBatches(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  filters: ResponseFilters,
): AsyncGenerator<ResponseWithAnswers[]> {
  const questions = questionnaire.sections.flatMap((s) => s.questions);
  let after = "";
  for (;;) {
    const responses = await applyFilters(db.selectFrom("responses").selectAll(), filters)
      .where("responses.id", ">", after)
      .orderBy("responses.id")
      .limit(BATCH)
      .execute();
    if (!responses.length) return;
    after = responses.at(-1)!.id;
    // Answered rows only: "empty" and "not shown" follow from the skip logic below, the same as stored.
    const rows = await db
      .selectFrom("answers")
      .select(["response_id", "variable", "value", "other_text"])
      .where(
        "response_id",
        "in",
        responses.map((r) => r.id),
      )
      .where("state", "=", "answered")
      .execute();
    const byResponse = new Map<string, Map<string, StoredAnswer>>(responses.map((r) => [r.id, new Map()]));
    for (const row of rows) {
      byResponse.get(row.response_id)!.set(row.variable, {
        state: "answered",
        value: row.value === null ? null : JSON.parse(row.value),
        otherText: row.other_text,
      });
    }
    // A question without an answer was either shown and left empty (or not reached) or hidden by the
    // skip logic, also when its whole section was skipped and nothing was stored for it.
    for (const answers of byResponse.values()) {
      const values: Record<string, AnswerValue> = {};
      for (const [variable, answer] of answers) values[variable] = answer.value as AnswerValue;
      const { questions: shown } = computeVisibility(questionnaire, values);
      for (const q of questions) {
        if (!answers.has(q.id))
          answers.set(q.id, { state: shown.has(q.id) ? "empty" : "not_shown", value: null, otherText: null });
      }
    }
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
  r.language,
  r.status,
  r.created_at,
  r.submitted_at ?? "",
  r.invitation_id ?? "",
];

export interface DatasetOptions extends CsvOptions {
  includePersonal?: boolean;
  joinedMultiple?: boolean;
  /** Theme columns of coded open answers, appended after the answers. */
  themeColumns?: ThemeColumn[];
}

/** The coded CSV, chunk by chunk: one row per response, codes not labels. */
export async function* codedCsv(
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions = {},
): AsyncGenerator<string> {
  const columns = datasetColumns(questionnaire, options);
  const themes = options.themeColumns ?? [];
  yield bomFor(options) + csvRows([[...METADATA_COLUMNS, ...columns.map((c) => c.name), ...themes.map((c) => c.name)]], options);
  for await (const batch of batches) {
    yield csvRows(
      batch.map(({ response, answers, codings }) => [
        ...metadataCells(response),
        ...columns.map((c) => c.cell(answers.get(c.question.id))),
        ...themes.map((c) => c.cell(answers.get(c.question.id), codings.get(c.question.id))),
      ]),
      options,
    );
  }
}

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

/** A cell as words in one language: labels for codes, and the missing codes named. */
export function labelCell(column: Column, cell: Cell, questionnaire: Questionnaire, t: Translate, language: string): Cell {
  if (cell === MISSING.noAnswer) return t("organiser:codebook.noAnswer");
  if (cell === MISSING.notShown) return t("organiser:codebook.notShown");
  if (cell === MISSING.dontKnow && column.question.type === "matrix") return t("common:form.dontKnow");
  if (column.kind === "flag") {
    if (column.question.type === "consent") return t("organiser:codebook.given");
    return cell === 1 ? t("organiser:codebook.chosen") : t("organiser:codebook.notChosen");
  }
  if (column.kind === "categorical") {
    if (column.countries) return countryName(String(cell), language);
    return t(wordingKey.option(column.list!, Number(cell)));
  }
  if (column.joined && column.list) {
    return String(cell)
      .split(";")
      .map((code) => t(wordingKey.option(column.list!, Number(code))))
      .join("; ");
  }
  return cell;
}

/** The labelled CSV in one language: the same rows and columns, with labels for codes. */
export async function* labelledCsv(
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  t: Translate,
  language: string,
  options: DatasetOptions = {},
): AsyncGenerator<string> {
  const columns = datasetColumns(questionnaire, options);
  yield bomFor(options) + csvRows([[...METADATA_COLUMNS, ...columns.map((c) => c.name)]], options);
  for await (const batch of batches) {
    yield csvRows(
      batch.map(({ response, answers }) => [
        ...metadataCells(response),
        ...columns.map((c) => labelCell(c, c.cell(answers.get(c.question.id)), questionnaire, t, language)),
      ]),
      options,
    );
  }
}

/** A repeatable group in long format: one row per item, with the parent response id. */
export async function* groupCsv(
  questionnaire: Questionnaire,
  groupId: string,
  batches: AsyncIterable<ResponseWithAnswers[]>,
  options: DatasetOptions = {},
): AsyncGenerator<string> {
  const group = questionnaire.sections.flatMap((s) => s.questions).find((q) => q.id === groupId);
  if (group?.type !== "group") throw new Error(`${groupId} is not a repeatable group`);
  const columns = groupColumns(group, questionnaire.lists, options);
  yield bomFor(options) + csvRows([[...GROUP_METADATA_COLUMNS, ...columns.map((c) => c.name)]], options);
  for await (const batch of batches) {
    const rows: Cell[][] = [];
    for (const { response, answers } of batch) {
      const stored = answers.get(groupId);
      if (stored?.state !== "answered" || !Array.isArray(stored.value)) continue;
      (stored.value as Array<Record<string, unknown>>).forEach((item, index) => {
        rows.push([
          response.id,
          groupId,
          index + 1,
          ...columns.map((c) => {
            const value = item[c.question.id];
            return c.cell(
              value === undefined
                ? { state: "empty", value: null, otherText: null }
                : { state: "answered", value, otherText: null },
            );
          }),
        ]);
      });
    }
    yield csvRows(rows, options);
  }
}
