import type { AnswerState } from "../../db/schema";
import type { AnswerValue } from "~/engine/conditions";
import type { Questionnaire } from "~/engine/definition";
import { formatAnswer } from "~/engine/format-answer";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";

export type DetailState = AnswerState | "not_reached";

export interface DetailSection {
  id: string;
  title: string;
  questions: Array<{ id: string; label: string; state: DetailState; lines: string[]; personal: boolean }>;
}

/** Every question of a response with its answer in words in the reader's language, and its state. */
export function responseDetail(
  questionnaire: Questionnaire,
  answers: Map<string, { state: AnswerState; value?: AnswerValue; otherText?: string }>,
  language: string,
): DetailSection[] {
  const t = fixedT(language, questionnaire.id);
  const ctx = { t: (key: string, vars?: Record<string, unknown>) => t(key, vars ?? {}), lists: questionnaire.lists, language };
  return questionnaire.sections.map((section) => ({
    id: section.id,
    title: t(wordingKey.sectionTitle(section.id)),
    questions: section.questions.map((q) => {
      const stored = answers.get(q.id);
      return {
        id: q.id,
        label: t(wordingKey.label(q.id)),
        state: stored?.state ?? "not_reached",
        lines: stored?.state === "answered" ? formatAnswer(q, stored.value, stored.otherText, ctx) : [],
        personal: Boolean(q.personal),
      };
    }),
  }));
}
