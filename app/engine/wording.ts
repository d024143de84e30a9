import { MISSING } from "./missing";
import type { ItemQuestion, Question, QuestionOf, Questionnaire } from "./definition";

/**
 * Where each text of a questionnaire lives in its i18n namespace (the questionnaire id).
 * One convention, used by the renderer, the definition check and the translators' report.
 */
/** A question by its id, or the question itself: a reworded one names its own texts (`wording`). */
export type Worded = string | { id: string; wording?: string };
const wordedAs = (q: Worded) => (typeof q === "string" ? q : (q.wording ?? q.id));

export const wordingKey = {
  title: () => "title",
  intro: () => "intro",
  sectionTitle: (sectionId: string) => `sections.${sectionId}.title`,
  sectionIntro: (sectionId: string) => `sections.${sectionId}.intro`,
  label: (question: Worded) => `questions.${wordedAs(question)}.label`,
  hint: (question: Worded) => `questions.${wordedAs(question)}.hint`,
  itemLabel: (groupId: string, item: Worded) => `questions.${groupId}.items.${wordedAs(item)}.label`,
  itemHint: (groupId: string, item: Worded) => `questions.${groupId}.items.${wordedAs(item)}.hint`,
  countryPriority: (questionId: string) => `questions.${questionId}.priorityGroup`,
  matrixNotApplicable: (questionId: string) => `questions.${questionId}.notApplicable`,
  option: (listId: string, code: number) => `lists.${listId}.${code}`,
  /** The start page's texts about the consultation (see `startNoticeParts`). */
  start: (part: StartNoticePart) => `start.${part}`,
  /** The start page's privacy notice, one heading each (see `privacyNoticeParts`). */
  privacy: (part: PrivacyNoticePart) => `privacy.${part}`,
  seedThemeLabel: (code: string) => `seedThemes.${code}.label`,
  seedThemeDescription: (code: string) => `seedThemes.${code}.description`,
};

/** Who runs the consultation, what it is for, how the answers are used: said before consent is asked. */
export const startNoticeParts = ["organiser", "purpose", "use"] as const;
export type StartNoticePart = (typeof startNoticeParts)[number];

/**
 * The privacy notice consent is given on: who holds the data, what is collected, why, how long
 * submissions are kept (drafts: DRAFT_RETENTION_DAYS), the respondent's rights, whom to contact.
 */
export const privacyNoticeParts = ["controller", "data", "purpose", "submissions", "rights", "contact"] as const;
export type PrivacyNoticePart = (typeof privacyNoticeParts)[number];

function questionKeys(q: Question | ItemQuestion, label: string, hint: string): string[] {
  const keys = [label];
  if (q.hint) keys.push(hint);
  return keys;
}

/** Every key of the respondents' texts a questionnaire needs in each language. */
export function requiredWordingKeys(questionnaire: Questionnaire): string[] {
  const keys = [wordingKey.title(), wordingKey.intro()];
  // Consent asked on the start page is given on a notice: a questionnaire that asks one must word it.
  if (questionnaire.sections.some((s) => s.start)) {
    keys.push(...startNoticeParts.map(wordingKey.start), ...privacyNoticeParts.map(wordingKey.privacy));
  }
  for (const [listId, options] of Object.entries(questionnaire.lists)) {
    for (const option of options) keys.push(wordingKey.option(listId, option.code));
  }
  for (const section of questionnaire.sections) {
    keys.push(wordingKey.sectionTitle(section.id));
    if (section.intro) keys.push(wordingKey.sectionIntro(section.id));
    for (const q of section.questions) {
      keys.push(...questionKeys(q, wordingKey.label(q), wordingKey.hint(q)));
      if (q.type === "country" && q.priority?.length) keys.push(wordingKey.countryPriority(q.id));
      if (q.type === "matrix" && q.notApplicable) keys.push(wordingKey.matrixNotApplicable(q.id));
      if (q.type === "group") {
        for (const item of q.questions) {
          keys.push(...questionKeys(item, wordingKey.itemLabel(q.id, item), wordingKey.itemHint(q.id, item)));
        }
      }
    }
  }
  return keys;
}

/** The keys of the seed themes' wording: organisers' texts, not the respondents' (the paper version leaves them out). */
export function seedThemeWordingKeys(questionnaire: Questionnaire): string[] {
  return (questionnaire.seedThemes ?? []).flatMap((theme) => [
    wordingKey.seedThemeLabel(theme.code),
    ...(theme.description ? [wordingKey.seedThemeDescription(theme.code)] : []),
  ]);
}

/**
 * A matrix's columns with the key of each heading: its scale, then "not relevant here" and
 * "don't know" where offered (stored as their missing codes). The page, the review, the
 * answer check and the paper version all read this one order.
 */
export function matrixColumns(q: QuestionOf<"matrix">, lists: Questionnaire["lists"]): Array<{ code: number; key: string }> {
  return [
    ...lists[q.scale]!.map((o) => ({ code: o.code, key: wordingKey.option(q.scale, o.code) })),
    ...(q.notApplicable ? [{ code: MISSING.notApplicable, key: wordingKey.matrixNotApplicable(q.id) }] : []),
    ...(q.dontKnow ? [{ code: MISSING.dontKnow, key: "common:form.dontKnow" }] : []),
  ];
}
