import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ConsultationScope } from "~/models/consultation-scope.server";
import { countryName } from "~/engine/countries";
import { datasetModel, type Cell, type ValueCode, type Variable } from "~/engine/dataset-model";
import type { Question, QuestionType, Questionnaire } from "~/engine/definition";
import { MISSING, MISSING_LABEL_KEYS } from "~/engine/missing";
import { wordingKey } from "~/engine/wording";
import { responseBatches } from "~/export/dataset.server";
import { fixedT } from "~/i18n/i18next.server";
import type { Bar, QuestionChart } from "./chart-data";
import { histogramBins } from "./histogram";

/** Cells that hold no answer; "don't know" is one. */
const UNANSWERED = new Set<Cell>([MISSING.noAnswer, MISSING.notShown]);

type Translate = ReturnType<typeof fixedT>;

/** How often each cell value of each variable was given: variable -> cell -> count. */
type Counts = Map<string, Map<string, number>>;

interface ChartInput {
  question: Question;
  /** The question's variables in the main file, without "other" texts and joined codes. */
  variables: Variable[];
  counts: Counts;
  t: Translate;
  o: Translate;
  language: string;
}

type Drawn =
  | { kind: "bars"; bars: Bar[] }
  | { kind: "histogram"; bins: Bar[] }
  | Omit<Extract<QuestionChart, { kind: "stacked" }>, "id" | "title" | "answered" | "of">;

const countOf = (input: ChartInput, variable: Variable, value: string | number) =>
  input.counts.get(variable.name)?.get(String(value)) ?? 0;

/** Codes of a single choice or a country: one bar each, list order (countries: most given first). */
function codeBars(input: ChartInput): Drawn {
  const [variable] = input.variables as [Variable];
  if (variable.values === "countries") {
    const given = [...(input.counts.get(variable.name) ?? [])];
    return {
      kind: "bars",
      bars: given.map(([code, n]) => ({ label: countryName(code, input.language), value: n })).sort((a, b) => b.value - a.value),
    };
  }
  return {
    kind: "bars",
    bars: variable.values.map((v) => ({ label: input.t(v.labelKey), value: countOf(input, variable, v.code) })),
  };
}

/** One bar per flag: each option of a multiple choice, or the consent given. */
function flagBars(input: ChartInput): Drawn {
  return {
    kind: "bars",
    bars: input.variables.map((v) => ({
      label:
        v.option !== undefined && v.list
          ? input.t(wordingKey.option(v.list, v.option))
          : input.t((v.values as ValueCode[]).find((c) => c.code === 1)!.labelKey),
      value: countOf(input, v, 1),
    })),
  };
}

/** A matrix: one bar per row, split by the scale (and "don't know"), each row as shares of its answers. */
function matrixRows(input: ChartInput): Drawn {
  const q = input.question as Extract<Question, { type: "matrix" }>;
  const scale = input.variables[0]!.values as ValueCode[];
  const codes = [...scale.map((s) => s.code), ...(q.dontKnow ? [MISSING.dontKnow] : [])];
  return {
    kind: "stacked",
    normalised: true,
    segments: [...scale.map((s) => input.t(s.labelKey)), ...(q.dontKnow ? [input.t(MISSING_LABEL_KEYS[MISSING.dontKnow])] : [])],
    rows: input.variables.map((v) => ({
      label: input.t(wordingKey.option(q.rows, v.row!)),
      values: codes.map((code) => countOf(input, v, code)),
    })),
  };
}

/** A ranking: per item, how many put it first, second, third… */
function rankCounts(input: ChartInput): Drawn {
  const items = input.variables[0]!.values as ValueCode[];
  return {
    kind: "stacked",
    normalised: false,
    segments: input.variables.map((v) => input.o("dashboard.rankN", { n: v.rank })),
    rows: items.map((item) => ({
      label: input.t(item.labelKey),
      values: input.variables.map((v) => countOf(input, v, item.code)),
    })),
  };
}

/** Numbers (and how many items a group holds) as a histogram of equal-width bins. */
function histogram(input: ChartInput): Drawn {
  const [variable] = input.variables as [Variable];
  const values = new Map<number, number>();
  for (const [cell, n] of input.counts.get(variable.name) ?? []) values.set(Number(cell), n);
  const integer = variable.kind === "count" || Boolean(variable.integer);
  const format = new Intl.NumberFormat(input.language, { maximumFractionDigits: 2 });
  return {
    kind: "histogram",
    bins: histogramBins(values, integer).map((b) => ({
      label:
        integer && b.from === b.to
          ? format.format(b.from)
          : input.o(integer ? "dashboard.binWhole" : "dashboard.binUpTo", {
              from: format.format(b.from),
              to: format.format(b.to),
            }),
      value: b.count,
    })),
  };
}

/** Which chart each question type gets; null: open answers, dates and e-mails have none. Typed so a new type must choose. */
const chartOf: { [T in QuestionType]: ((input: ChartInput) => Drawn) | null } = {
  single: codeBars,
  country: codeBars,
  multiple: flagBars,
  consent: flagBars,
  matrix: matrixRows,
  ranking: rankCounts,
  number: histogram,
  group: histogram,
  text: null,
  longtext: null,
  email: null,
  date: null,
};

/**
 * A chart for every closed question that is not personal, from the submitted responses, walking the
 * compiled dataset model: each answer is read as the export's cell, so the dashboard and the files agree.
 */
export async function questionCharts(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  scope: ConsultationScope,
  language: string,
): Promise<QuestionChart[]> {
  const t = fixedT(language, questionnaire.id);
  const o = fixedT(language, "organiser");
  const model = datasetModel(questionnaire);
  const charted = questionnaire.sections
    .flatMap((s) => s.questions)
    .filter((q) => chartOf[q.type] && !q.personal)
    .map((question) => ({
      question,
      variables: model.variables.filter((v) => v.question === question && !v.otherText && !v.joined),
    }));
  const counts: Counts = new Map();
  const answered = new Map<string, number>();
  let submitted = 0;
  const filters = { ...scope, statuses: ["submitted" as const], languages: [], codes: {} };
  for await (const batch of responseBatches(db, questionnaire, filters)) {
    for (const { answers } of batch) {
      submitted++;
      for (const { question, variables } of charted) {
        // Read as the export reads it: a group saved with no item is a count of 0, an answer.
        const cells = variables
          .map((v) => [v.name, v.cell(answers.get(question.id))] as const)
          .filter(([, c]) => !UNANSWERED.has(c));
        if (!cells.length) continue;
        answered.set(question.id, (answered.get(question.id) ?? 0) + 1);
        for (const [name, cell] of cells) {
          const byCell = counts.get(name) ?? new Map<string, number>();
          byCell.set(String(cell), (byCell.get(String(cell)) ?? 0) + 1);
          counts.set(name, byCell);
        }
      }
    }
  }
  return charted.map(({ question, variables }) => ({
    id: question.id,
    title: t(wordingKey.label(question)),
    answered: answered.get(question.id) ?? 0,
    of: submitted,
    ...chartOf[question.type]!({ question, variables, counts, t, o, language }),
  }));
}
