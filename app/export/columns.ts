import type { ResolvedAnswer } from "~/engine/answer-states";
import type { Cell } from "~/engine/dataset-model";
import { pooledDataset, type PooledVariable } from "~/engine/pooled-dataset";
import type { Question, Questionnaire } from "~/engine/definition";
import { MISSING } from "~/engine/missing";

export { MISSING };
export type { Cell };

/** An answer as the export reads it: its state recomputed by `resolveAnswers`. */
export type StoredAnswer = ResolvedAnswer;

/** A column of a dataset file: a variable of the compiled model pooled over versions (app/engine/pooled-dataset.ts). */
export type Column = PooledVariable;

export interface ColumnOptions {
  /** Add `<id>` holding a multiple choice's codes joined by ";". */
  joinedMultiple?: boolean;
  /** The versions whose responses the dataset pools, the questionnaire's own among them; by default that one alone. */
  versions?: readonly Questionnaire[];
}

/** The versions a dataset pools: the questionnaire (the latest) and the older ones asked for. */
export const pooledVersions = (questionnaire: Questionnaire, options: ColumnOptions) =>
  options.versions?.length ? options.versions : [questionnaire];

const wanted = (options: ColumnOptions) => (c: Column) => options.joinedMultiple || !c.joined;

export type DatasetColumn = Column;

/** Every answer column of a questionnaire's main dataset, in questionnaire order. */
export function datasetColumns(
  questionnaire: Questionnaire,
  options: ColumnOptions & { includePersonal?: boolean } = {},
): DatasetColumn[] {
  return pooledDataset(pooledVersions(questionnaire, options)).variables.filter(
    (c) => (options.includePersonal || !c.question.personal) && wanted(options)(c),
  );
}

export const METADATA_COLUMNS = [
  "response_id",
  "questionnaire_version",
  "consultation",
  "language",
  "status",
  "started_at",
  "submitted_at",
  "invitation_id",
] as const;

/** The long file of a repeatable group: one row per item, its own columns per item question. */
export function groupColumns(questionnaire: Questionnaire, groupId: string, options: ColumnOptions = {}): Column[] {
  return (pooledDataset(pooledVersions(questionnaire, options)).groups.get(groupId) ?? []).filter(wanted(options));
}

export const GROUP_METADATA_COLUMNS = ["response_id", "group", "item"] as const;

/** A coder's reading of one answer, as exports see it. */
export interface CodingOfAnswer {
  coderId: string;
  /** The coder decided the answer (themes, or "no theme applies"); false for a note alone. */
  coded: boolean;
  themeIds: string[];
  note: string;
}

export interface Theme {
  id: string;
  code: string;
}

/** One 0/1 column per theme per coded question: `<variable>__<theme code>`. */
export interface ThemeColumn {
  name: string;
  question: Question;
  theme: Theme;
  cell: (answer: StoredAnswer | undefined, codings: CodingOfAnswer[] | undefined) => Cell;
}

/**
 * 1 when a coder tagged the answer with the theme, 0 when it was coded without it,
 * -66 when no coder has coded it yet, -99 when there is no answer, -88 when the question was not shown.
 */
export function themeColumns(questions: Question[], themes: Theme[]): ThemeColumn[] {
  return questions.flatMap((question) =>
    themes.map((theme) => ({
      name: `${question.id}__${theme.code}`,
      question,
      theme,
      cell: (answer: StoredAnswer | undefined, codings: CodingOfAnswer[] | undefined) => {
        if (!answer || answer.state === "not_reached" || answer.state === "empty") return MISSING.noAnswer;
        if (answer.state === "not_shown") return MISSING.notShown;
        const decided = codings?.filter((c) => c.coded) ?? [];
        if (!decided.length) return MISSING.notCoded;
        return decided.some((c) => c.themeIds.includes(theme.id)) ? 1 : 0;
      },
    })),
  );
}
