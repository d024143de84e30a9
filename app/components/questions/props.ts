import type { FieldMetadata } from "@conform-to/react";
import type { ItemQuestion, Question, Questionnaire } from "~/engine/definition";

export interface QuestionProps<Q extends Question | ItemQuestion> {
  question: Q;
  meta: FieldMetadata<unknown>;
  /** The field of the "Other – please specify" text, for choice questions that offer it. */
  otherMeta?: FieldMetadata<unknown>;
  /** The form's id, for intent buttons (repeatable groups). */
  formId: string;
  label: string;
  hint?: string;
  /** The questionnaire's i18n namespace. */
  ns: string;
  lists: Questionnaire["lists"];
  /** Inside a repeatable group: the id of the group's one list of country names. */
  countryList?: string;
}

/** The value a control starts with: what was submitted or saved. */
export function initial(meta: FieldMetadata<unknown>): string | undefined {
  const v = meta.initialValue;
  return typeof v === "string" ? v : undefined;
}

export function initialList(meta: FieldMetadata<unknown>): string[] {
  const v = meta.initialValue;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}

/**
 * A field's metadata that reads each property from Conform once. Conform builds a new metadata
 * object and records a subscription on every property read (costly in option loops); a page is
 * rendered once on the server and never hydrated, so the first read stays true for the render.
 */
export function readOnce<M extends FieldMetadata<unknown> | undefined>(meta: M): M {
  if (!meta) return meta;
  const read = new Map<PropertyKey, unknown>();
  return new Proxy(meta, {
    get(target, key) {
      if (!read.has(key)) read.set(key, Reflect.get(target, key));
      return read.get(key);
    },
  });
}
