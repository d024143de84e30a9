import { parse } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { Answers, AnswerValue } from "~/engine/conditions";
import { isAnswered, referencedQuestions } from "~/engine/conditions";
import { deriveSectionSchema, otherField, readLeniently } from "~/engine/answer-schema";
import type { Questionnaire, Section } from "~/engine/definition";
import { computeVisibility } from "~/engine/visibility";
import type { AnswerToStore } from "~/models/response.server";
import { CONFIRM_FIELD } from "./section-form";

/** "language" saves like "save", then shows the same section in another language. */
export type SectionIntent = "next" | "back" | "save" | "language";

export function readIntent(formData: FormData): SectionIntent {
  // A confirmation carries the intent of the press it confirms.
  const confirmed = formData.get(CONFIRM_FIELD);
  const value = typeof confirmed === "string" ? confirmed.split(":")[0] : formData.get("_action");
  return value === "back" || value === "save" || value === "language" ? value : "next";
}

/** The value of the confirmation button: what it confirms, so that a different change is asked again. */
export function confirmationValue(intent: SectionIntent, lost: readonly string[]): string {
  return `${intent}:${lost.join(",")}`;
}

/** The questions of a section shown for some answers. */
export function shownIn(section: Section, questionnaire: Questionnaire, answers: Answers): string[] {
  const { questions } = computeVisibility(questionnaire, answers);
  return section.questions.filter((q) => questions.has(q.id)).map((q) => q.id);
}

/**
 * Validates a section's form against the questions its own answers show.
 * "next" demands every required answer; "back" and "save" keep what is valid without demanding more.
 * `appeared` lists questions that the answers revealed but the page did not show yet.
 * Null when the form was not one of ours (Conform could not read it).
 */
export function validateSection(
  questionnaire: Questionnaire,
  section: Section,
  stored: Answers,
  formData: FormData,
  t: (key: string, vars?: Record<string, unknown>) => string,
): SectionValidation | null {
  try {
    return validate(questionnaire, section, stored, formData, t);
  } catch {
    // Conform throws on a malformed list intent (not JSON, unknown field): the form was not ours.
    return null;
  }
}

export type SectionValidation = ReturnType<typeof validate>;

function validate(
  questionnaire: Questionnaire,
  section: Section,
  stored: Answers,
  formData: FormData,
  t: (key: string, vars?: Record<string, unknown>) => string,
) {
  const intent = readIntent(formData);
  const payload = parse(formData, { resolve: () => ({ value: {} }) }).payload as Record<string, unknown>;
  const current = { ...stored, ...(readLeniently(questionnaire, section, payload, t) as Answers) };
  const shown = shownIn(section, questionnaire, current);
  const rendered = new Set(
    String(formData.get("__shown") ?? "")
      .split(",")
      .filter(Boolean),
  );
  const appeared = shown.filter((id) => !rendered.has(id));
  const relaxed = intent !== "next" || appeared.length > 0;
  const submission = parseWithZod(formData, {
    schema: deriveSectionSchema(questionnaire, section, new Set(shown), t, { relaxed }),
    disableAutoCoercion: true,
  });
  return { intent, shown, appeared, submission };
}

/** The codes an answer holds, for the questions organisers filter and count by. */
function codesOf(q: Section["questions"][number], value: AnswerValue): string[] | undefined {
  if (q.type === "single" || q.type === "country") return [String(value)];
  if (q.type === "multiple") return (value as number[]).map(String);
  return undefined;
}

/** What to store for a section: every question, answered, empty or not shown. */
export function answersToStore(section: Section, shown: readonly string[], values: Record<string, unknown>): AnswerToStore[] {
  const visible = new Set(shown);
  return section.questions.map((q) => {
    if (!visible.has(q.id)) return { variable: q.id, state: "not_shown" };
    const value = values[q.id] as AnswerValue | undefined;
    if (!isAnswered(value)) return { variable: q.id, state: "empty" };
    const other = values[otherField(q.id)];
    return {
      variable: q.id,
      state: "answered",
      value,
      otherText: typeof other === "string" ? other : undefined,
      codes: codesOf(q, value!),
    };
  });
}

/** Variables answered elsewhere that the new answers hide: their answers must go. */
export function hiddenElsewhere(questionnaire: Questionnaire, answers: Answers, section: Section): string[] {
  const { questions } = computeVisibility(questionnaire, answers);
  return questionnaire.sections
    .filter((s) => s.id !== section.id)
    .flatMap((s) => s.questions)
    .filter((q) => !questions.has(q.id))
    .map((q) => q.id);
}

/**
 * The answers from other sections that this section's conditions read, as JSON for the
 * page's script (skip logic on the page). Null when the page needs none. Escaped for a script element.
 */
export function earlierAnswersFor(questionnaire: Questionnaire, section: Section, answers: Answers): string | null {
  const own = new Set(section.questions.map((q) => q.id));
  const needed = section.questions.flatMap((q) => (q.showIf ? referencedQuestions(q.showIf) : [])).filter((id) => !own.has(id));
  if (needed.length === 0) return null;
  const { questions } = computeVisibility(questionnaire, answers);
  const values = Object.fromEntries(needed.filter((id) => questions.has(id)).map((id) => [id, answers[id]]));
  return JSON.stringify(values).replace(/</g, "\\u003c");
}
