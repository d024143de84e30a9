import { evaluate, isAnswered, type Answers } from "./conditions";
import type { Questionnaire, Section } from "./definition";

export interface Visibility {
  sections: Set<string>;
  questions: Set<string>;
}

/**
 * Walks the questionnaire in order and decides what a respondent sees. An answer
 * to a question that is not shown does not count in later conditions, so hiding
 * one question hides everything that depended on it.
 */
export function computeVisibility(questionnaire: Questionnaire, answers: Answers): Visibility {
  const effective: Record<string, Answers[string]> = {};
  const sections = new Set<string>();
  const questions = new Set<string>();
  for (const section of questionnaire.sections) {
    const sectionShown = !section.showIf || evaluate(section.showIf, effective);
    if (sectionShown) sections.add(section.id);
    for (const question of section.questions) {
      const shown = sectionShown && (!question.showIf || evaluate(question.showIf, effective));
      if (shown) {
        questions.add(question.id);
        effective[question.id] = answers[question.id];
      }
    }
  }
  return { sections, questions };
}

export function visibleSections(questionnaire: Questionnaire, visibility: Visibility): Section[] {
  return questionnaire.sections.filter((s) => visibility.sections.has(s.id));
}

/** The sections a respondent goes through page by page: the visible ones after the start page. */
export function flowSections(questionnaire: Questionnaire, visibility: Visibility): Section[] {
  return visibleSections(questionnaire, visibility).filter((s) => !s.start);
}

/** The section asked on the start page, when the questionnaire has one (see `Section.start`). */
export function startSection(questionnaire: Questionnaire): Section | undefined {
  return questionnaire.sections[0]?.start ? questionnaire.sections[0] : undefined;
}

/** Whether the start page's questions were answered: until then nothing may be stored. */
export function startAnswered(questionnaire: Questionnaire, answers: Answers): boolean {
  return (startSection(questionnaire)?.questions ?? []).every((q) => !q.required || isAnswered(answers[q.id]));
}
