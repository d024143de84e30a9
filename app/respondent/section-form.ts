/** The id of a section's form: Conform builds every field's id from it (`${formId}-${name}`). */
export const sectionFormId = (sectionId: string) => `section-${sectionId}`;

/** A field's element id, as Conform gives it: the error summary links there. */
export const fieldElementId = (formId: string, name: string) => `${formId}-${name}`;

/** The field of the button that confirms deleting earlier answers: "intent:variable,variable". */
export const CONFIRM_FIELD = "_confirm";

/** On the confirmation asked for a language switch: the language it switches to (the header's select shows the old one). */
export const CONFIRM_LANGUAGE_FIELD = "_confirm_lng";
