import type { ItemQuestion, Question, QuestionOf, QuestionType, Questionnaire } from "./definition";
import { DEFAULT_GROUP_MAX, EMAIL_MAX, groupMax, OTHER_TEXT_MAX, textMax } from "./limits";

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
  /** The longest value one of its fields takes. */
  valueLength: number;
  /** The highest index in one of its names. */
  index: number;
  /** Segments in its deepest name. */
  depth: number;
}

const one = (valueLength: number): Sent => ({ entries: 1, repeats: 1, valueLength, index: 0, depth: 1 });
// A choice code or a country code; numbers and dates are as short.
const CODE_LENGTH = 16;

/** What each question type sends at most; typed so a new type cannot be left out. */
const sent: { [T in QuestionType]: (q: QuestionOf<T>, lists: Questionnaire["lists"]) => Sent } = {
  single: () => ({ ...one(OTHER_TEXT_MAX), entries: 2 }),
  multiple: (q, lists) => {
    const options = lists[q.list]!.length;
    return { entries: options + 1, repeats: options, valueLength: OTHER_TEXT_MAX, index: 0, depth: 1 };
  },
  text: (q) => one(textMax(q)),
  longtext: (q) => one(textMax(q)),
  number: () => one(CODE_LENGTH),
  date: () => one(CODE_LENGTH),
  email: () => one(EMAIL_MAX),
  country: () => one(CODE_LENGTH),
  consent: () => one(CODE_LENGTH),
  matrix: (q, lists) => ({ entries: lists[q.rows]!.length, repeats: 1, valueLength: CODE_LENGTH, index: 0, depth: 2 }),
  ranking: (q) => ({ entries: q.top, repeats: 1, valueLength: CODE_LENGTH, index: q.top, depth: 2 }),
  group: (q, lists) => {
    const items = q.questions.map((sub) => sentBy(sub, lists));
    const max = groupMax(q);
    return {
      entries: max * items.reduce((sum, s) => sum + s.entries, 0),
      repeats: Math.max(...items.map((s) => s.repeats)),
      valueLength: Math.max(...items.map((s) => s.valueLength)),
      index: max,
      depth: 2 + Math.max(...items.map((s) => s.depth)),
    };
  },
};

function sentBy(q: Question | ItemQuestion, lists: Questionnaire["lists"]): Sent {
  return (sent[q.type] as (q: Question | ItemQuestion, lists: Questionnaire["lists"]) => Sent)(q, lists);
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
      // A few thousand characters more than the longest answer, for the fields of the page itself.
      valueLength: 2 * Math.max(...all.map((s) => s.valueLength)) + 4000,
      nameLength: DEFAULT_FORM_LIMITS.nameLength,
      depth: 1 + Math.max(...all.map((s) => s.depth)),
      index: 2 * Math.max(DEFAULT_GROUP_MAX, ...all.map((s) => s.index)),
    };
    derived.set(questionnaire, limits);
  }
  return limits;
}
