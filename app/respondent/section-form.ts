/** The id of a section's form: Conform builds every field's id from it (`${formId}-${name}`). */
export const sectionFormId = (sectionId: string) => `section-${sectionId}`;

/** A field's element id, as Conform gives it: the error summary links there. */
export const fieldElementId = (formId: string, name: string) => `${formId}-${name}`;

/** The field of the button that confirms deleting earlier answers: "intent:variable,variable". */
export const CONFIRM_FIELD = "_confirm";
