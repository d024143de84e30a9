import type { Answers } from "./conditions";
import { matrixRowField, otherField } from "./answer-schema";
import type { Section } from "./definition";

type FormValue = string | string[] | Record<string, unknown> | Array<Record<string, unknown>>;

function toFormValue(value: unknown): FormValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === true) return "on";
  if (Array.isArray(value)) {
    return (value as unknown[]).map((v) => (v && typeof v === "object" ? formObject(v) : String(v))) as FormValue;
  }
  if (typeof value === "object") return formObject(value);
  return String(value);
}

function formObject(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toFormValue(v)]));
}

/** Stored answers as the values a section's form starts with. */
export function toFormDefaults(
  section: Section,
  answers: Answers,
  otherTexts: Readonly<Record<string, string>>,
): Record<string, FormValue | undefined> {
  const defaults: Record<string, FormValue | undefined> = {};
  for (const q of section.questions) {
    const value = answers[q.id];
    if (q.type === "matrix" && value && typeof value === "object" && !Array.isArray(value)) {
      defaults[q.id] = Object.fromEntries(
        Object.entries(value).map(([row, code]) => [matrixRowField(Number(row)), String(code)]),
      );
    } else {
      defaults[q.id] = toFormValue(value);
    }
    if (otherTexts[q.id] !== undefined) defaults[otherField(q.id)] = otherTexts[q.id];
  }
  return defaults;
}
