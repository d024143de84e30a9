import { resolveAnswers, type ResolvedState, type StoredRow } from "~/engine/answer-states";
import type { AnswerValue } from "~/engine/conditions";
import type { Questionnaire } from "~/engine/definition";
import { formatAnswer, formatGroupItems, type GroupItemAnswer } from "~/engine/format-answer";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";

export type DetailState = ResolvedState;

export interface DetailSection {
  id: string;
  title: string;
  questions: Array<{
    id: string;
    label: string;
    state: DetailState;
    lines: string[];
    /** A repeatable group's items, each field labelled. */
    items?: GroupItemAnswer[];
    personal: boolean;
  }>;
}

/**
 * Every question of a response with its answer in words in the reader's language, and its state:
 * "not shown" recomputed from the answers, as the export does.
 */
export function responseDetail(
  questionnaire: Questionnaire,
  rows: ReadonlyMap<string, StoredRow>,
  language: string,
): DetailSection[] {
  const answers = resolveAnswers(questionnaire, rows);
  const t = fixedT(language, questionnaire.id);
  const ctx = { t: (key: string, vars?: Record<string, unknown>) => t(key, vars ?? {}), lists: questionnaire.lists, language };
  return questionnaire.sections.map((section) => ({
    id: section.id,
    title: t(wordingKey.sectionTitle(section.id)),
    questions: section.questions.map((q) => {
      const stored = answers.get(q.id);
      return {
        id: q.id,
        label: t(wordingKey.label(q)),
        state: stored?.state ?? "not_reached",
        lines:
          stored?.state === "answered" ? formatAnswer(q, stored.value as AnswerValue, stored.otherText ?? undefined, ctx) : [],
        ...(q.type === "group" && stored?.state === "answered"
          ? { items: formatGroupItems(q, stored.value as AnswerValue, ctx) }
          : {}),
        personal: Boolean(q.personal),
      };
    }),
  }));
}
