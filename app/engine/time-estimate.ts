import type { AnswerValue, Answers } from "./conditions";
import type { Condition, ItemQuestion, Question, QuestionType, Questionnaire } from "./definition";
import { computeVisibility } from "./visibility";

/**
 * Seconds a respondent takes to read and answer one question of each type, with its wording and hint.
 * Rough figures for a careful expert answering in their own words (open texts take longest); a
 * matrix counts per row, a group per item.
 */
const secondsPerQuestion: { [T in QuestionType]: (q: Extract<Question, { type: T }>, questionnaire: Questionnaire) => number } = {
  single: () => 12,
  multiple: () => 20,
  text: () => 30,
  longtext: () => 180,
  number: () => 10,
  date: () => 15,
  email: () => 15,
  country: () => 15,
  matrix: (q, questionnaire) => 15 + 10 * (questionnaire.lists[q.rows]?.length ?? 0),
  ranking: () => 45,
  // Reading the notice that the consent is given on.
  consent: () => 90,
  // Items are counted by the caller: the number of items is the respondent's choice.
  group: () => 0,
};

/** Reading a page's title and introduction, and moving on. */
const SECONDS_PER_SECTION = 20;

/** Beyond this many combinations of the answers that conditions read, only their extremes are tried. */
const MAX_SCENARIOS = 4096;

function seconds(q: Question | ItemQuestion, questionnaire: Questionnaire): number {
  return (secondsPerQuestion[q.type] as (q: Question | ItemQuestion, questionnaire: Questionnaire) => number)(q, questionnaire);
}

/** The time one item of a repeated group takes: all its questions. */
function secondsPerItem(q: Extract<Question, { type: "group" }>, questionnaire: Questionnaire): number {
  return q.questions.reduce((sum, item) => sum + seconds(item, questionnaire), 0);
}

export interface TimeEstimate {
  /** The shortest path: the answers that show the fewest questions, and as few group items as allowed. */
  shortestSeconds: number;
  /** The longest path: the answers that show the most questions, one item in each group shown. */
  longestSeconds: number;
  /** Each item added to a repeated group beyond that, by group id (groups the longest path shows). */
  perItemSeconds: Record<string, number>;
}

function collectMentions(condition: Condition, into: Map<string, Set<string | number | boolean>>) {
  if ("all" in condition) return condition.all.forEach((c) => collectMentions(c, into));
  if ("any" in condition) return condition.any.forEach((c) => collectMentions(c, into));
  if ("not" in condition) return collectMentions(condition.not, into);
  const values = into.get(condition.q) ?? new Set();
  into.set(condition.q, values);
  if ("equals" in condition) values.add(condition.equals);
  if ("in" in condition) condition.in.forEach((v) => values.add(v));
  if ("contains" in condition) values.add(condition.contains);
}

function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]).filter((s) => s.length > 0);
}

/**
 * The answers worth trying for a question that conditions read: each value they mention (for a
 * multiple choice, each combination), one value they do not mention, and no answer when allowed.
 */
function candidates(
  q: Question,
  mentioned: Set<string | number | boolean>,
  questionnaire: Questionnaire,
): Array<AnswerValue | undefined> {
  const values = [...mentioned];
  const list = "list" in q ? (questionnaire.lists[q.list] ?? []) : [];
  const unmentioned = list.find((o) => !mentioned.has(o.code))?.code;
  const tries: Array<AnswerValue | undefined> = q.required ? [] : [undefined];
  if (q.type === "multiple") {
    const codes = values.filter((v): v is number => typeof v === "number").slice(0, 8);
    tries.push(...subsets(codes));
    if (unmentioned !== undefined) tries.push([unmentioned]);
  } else {
    tries.push(...(values as AnswerValue[]));
    if (unmentioned !== undefined) tries.push(unmentioned);
    else if (!list.length) tries.push(q.type === "number" ? Number.MIN_SAFE_INTEGER : "\u0000");
  }
  return tries.length ? tries : [undefined];
}

/** Every combination of the candidate answers, or only each one's first and last when there are too many. */
function scenarios(drivers: Array<[string, Array<AnswerValue | undefined>]>): Answers[] {
  const total = drivers.reduce((n, [, values]) => n * values.length, 1);
  const trimmed = total > MAX_SCENARIOS ? drivers.map(([id, v]): (typeof drivers)[number] => [id, [v[0], v.at(-1)]]) : drivers;
  return trimmed.reduce<Answers[]>((all, [id, values]) => all.flatMap((a) => values.map((v) => ({ ...a, [id]: v }))), [{}]);
}

/**
 * How long the questionnaire takes, from its definition: the questions shown along the shortest and
 * the longest paths a respondent may take, each counted by its type. The paths come from trying the
 * answers that the conditions read.
 */
export function estimateTime(questionnaire: Questionnaire): TimeEstimate {
  const mentions = new Map<string, Set<string | number | boolean>>();
  const questions = questionnaire.sections.flatMap((s) => s.questions);
  for (const s of questionnaire.sections) {
    if (s.showIf) collectMentions(s.showIf, mentions);
    for (const q of s.questions) if (q.showIf) collectMentions(q.showIf, mentions);
  }
  const drivers = [...mentions].flatMap(([id, values]): Array<[string, Array<AnswerValue | undefined>]> => {
    const q = questions.find((x) => x.id === id);
    return q ? [[id, candidates(q, values, questionnaire)]] : [];
  });

  const pathSeconds = (answers: Answers, itemsOf: (q: Extract<Question, { type: "group" }>) => number) => {
    const visibility = computeVisibility(questionnaire, answers);
    let total = visibility.sections.size * SECONDS_PER_SECTION;
    for (const q of questions) {
      if (!visibility.questions.has(q.id)) continue;
      total += q.type === "group" ? itemsOf(q) * secondsPerItem(q, questionnaire) : seconds(q, questionnaire);
    }
    return { total, visibility };
  };
  const fewest = (q: Extract<Question, { type: "group" }>) => q.min ?? 0;
  const one = (q: Extract<Question, { type: "group" }>) => Math.max(q.min ?? 0, 1);

  let shortest = Infinity;
  let longest = { total: -1, visibility: computeVisibility(questionnaire, {}) };
  for (const answers of scenarios(drivers)) {
    shortest = Math.min(shortest, pathSeconds(answers, fewest).total);
    const path = pathSeconds(answers, one);
    if (path.total > longest.total) longest = path;
  }
  const perItemSeconds = Object.fromEntries(
    questions
      .filter((q): q is Extract<Question, { type: "group" }> => q.type === "group" && longest.visibility.questions.has(q.id))
      .map((q) => [q.id, secondsPerItem(q, questionnaire)]),
  );
  return { shortestSeconds: shortest, longestSeconds: longest.total, perItemSeconds };
}

/** Minutes as a person would say them: whole minutes up to ten, then to the nearest five. */
export function roughMinutes(seconds: number): number {
  const minutes = seconds / 60;
  return minutes <= 10 ? Math.max(1, Math.round(minutes)) : Math.round(minutes / 5) * 5;
}
