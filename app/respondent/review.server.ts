import type { Answers } from "~/engine/conditions";
import { isAnswered } from "~/engine/conditions";
import type { Questionnaire } from "~/engine/definition";
import { formatAnswer, formatGroupItems, type GroupItemAnswer } from "~/engine/format-answer";
import { computeVisibility, visibleSections } from "~/engine/visibility";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";

export interface ReviewSection {
  id: string;
  title: string;
  /** Answered on the start page (consent): given once, not changed from the review. */
  start: boolean;
  /** `items`: a repeatable group's items with labelled fields, shown as lists rather than one line each. */
  questions: Array<{ id: string; label: string; lines: string[]; missing: boolean; items?: GroupItemAnswer[] }>;
}

/** Every shown question with its answer in words, and whether a required one is missing. */
export function reviewOf(
  questionnaire: Questionnaire,
  answers: Answers,
  otherTexts: Readonly<Record<string, string>>,
  language: string,
): ReviewSection[] {
  const t = fixedT(language, questionnaire.id);
  const visibility = computeVisibility(questionnaire, answers);
  const ctx = { t: (key: string, vars?: Record<string, unknown>) => t(key, vars ?? {}), lists: questionnaire.lists, language };
  return visibleSections(questionnaire, visibility).map((section) => ({
    id: section.id,
    title: t(wordingKey.sectionTitle(section.id)),
    start: Boolean(section.start),
    questions: section.questions
      .filter((q) => visibility.questions.has(q.id))
      .map((q) => ({
        id: q.id,
        label: t(wordingKey.label(q)),
        lines: formatAnswer(q, answers[q.id], otherTexts[q.id], ctx),
        missing: Boolean(q.required) && !isAnswered(answers[q.id]),
        ...(q.type === "group" ? { items: formatGroupItems(q, answers[q.id], ctx) } : {}),
      })),
  }));
}

export function isComplete(review: ReviewSection[]): boolean {
  return review.every((s) => s.questions.every((q) => !q.missing));
}
