import type { ItemQuestion, Question, QuestionOf, QuestionType, Questionnaire } from "./definition";
import { datasetModel } from "./dataset-model";
import { DEFAULT_GROUP_MAX, groupMax } from "./limits";

/**
 * What one submitted form may hold before anything parses it. Generous against real forms
 * (twice what the largest one sends), tight against a request built to make the server work.
 */
export interface FormLimits {
  /** Entries in all. */
  entries: number;
  /** Entries under one name (a multiple choice sends one per ticked option). */
  repeats: number;
  /** Characters in a value. */
  valueLength: number;
  /** Characters in a field name. */
  nameLength: number;
  /** Segments in a field name: `ppp_ex[0].name` has three. */
  depth: number;
  /** The highest [index] in a field name. */
  index: number;
}

/** Forms other than section pages (sign-in, resume, filters, accounts, themes, coding): none sends more than a few hundred fields. */
export const DEFAULT_FORM_LIMITS: FormLimits = {
  entries: 2000,
  repeats: 500,
  valueLength: 100_000,
  nameLength: 200,
  depth: 4,
  index: 1000,
};

/** The navigation, honeypot, fingerprint and Conform fields every section form carries besides its questions. */
const FIXED_FIELDS = 16;

interface Sent {
  /** Entries the question's fields can send at most. */
  entries: number;
  /** The most entries under one of its names. */
  repeats: number;
  /** The highest index in one of its names. */
  index: number;
  /** Segments in its deepest name. */
  depth: number;
}

const one: Sent = { entries: 1, repeats: 1, index: 0, depth: 1 };
// A choice code or a country code; numbers and dates are as short.
const CODE_LENGTH = 16;

/** What each question type sends at most; typed so a new type cannot be left out. */
const sent: { [T in QuestionType]: (q: QuestionOf<T>, lists: Questionnaire["lists"]) => Sent } = {
  single: () => ({ ...one, entries: 2 }),
  multiple: (q, lists) => {
    const options = lists[q.list]!.length;
    return { entries: options + 1, repeats: options, index: 0, depth: 1 };
  },
  text: () => one,
  longtext: () => one,
  number: () => one,
  date: () => one,
  email: () => one,
  country: () => one,
  consent: () => one,
  matrix: (q, lists) => ({ entries: lists[q.rows]!.length, repeats: 1, index: 0, depth: 2 }),
  ranking: (q) => ({ entries: q.top, repeats: 1, index: q.top, depth: 2 }),
  group: (q, lists) => {
    const items = q.questions.map((sub) => sentBy(sub, lists));
    const max = groupMax(q);
    return {
      entries: max * items.reduce((sum, s) => sum + s.entries, 0),
      repeats: Math.max(...items.map((s) => s.repeats)),
      index: max,
      depth: 2 + Math.max(...items.map((s) => s.depth)),
    };
  },
};

function sentBy(q: Question | ItemQuestion, lists: Questionnaire["lists"]): Sent {
  return (sent[q.type] as (q: Question | ItemQuestion, lists: Questionnaire["lists"]) => Sent)(q, lists);
}

/** The most characters each text variable holds, item questions included: the form's fields take no more. */
function longestTexts(questionnaire: Questionnaire): number[] {
  const model = datasetModel(questionnaire);
  return [...model.variables, ...[...model.groups.values()].flat()].filter((v) => !v.joined).map((v) => v.maxLength ?? 0);
}

const derived = new WeakMap<Questionnaire, FormLimits>();

/** The limits of a questionnaire's section forms: twice what its largest section can send. */
export function formLimitsFor(questionnaire: Questionnaire): FormLimits {
  let limits = derived.get(questionnaire);
  if (!limits) {
    const sections = questionnaire.sections.map((s) => s.questions.map((q) => sentBy(q, questionnaire.lists)));
    const all = sections.flat();
    const widest = Math.max(...sections.map((qs) => qs.reduce((sum, s) => sum + s.entries, 0)));
    limits = {
      entries: 2 * (widest + FIXED_FIELDS),
      repeats: 2 * Math.max(1, ...all.map((s) => s.repeats)),
      // A few thousand characters more than the longest answer (the dataset model's text widths), for the fields of the page itself.
      valueLength: 2 * Math.max(CODE_LENGTH, ...longestTexts(questionnaire)) + 4000,
      nameLength: DEFAULT_FORM_LIMITS.nameLength,
      depth: 1 + Math.max(...all.map((s) => s.depth)),
      index: 2 * Math.max(DEFAULT_GROUP_MAX, ...all.map((s) => s.index)),
    };
    derived.set(questionnaire, limits);
  }
  return limits;
}
