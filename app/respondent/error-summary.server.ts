import type { Questionnaire, Section } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";
import { fieldElementId, sectionFormId } from "./section-form";

/** One line of the error summary: a link to the field, the field's name and its message. */
export interface SummaryLink {
  href: string;
  text: string;
}

/** A field name of a section's form: question (or its "other" text, see otherField), matrix row, item's field, ranking place. */
const FIELD = /^([A-Za-z0-9_]+?)(__other)?(?:\.(r(\d+))|\[(\d+)\](?:\.([A-Za-z0-9_]+?)(__other)?)?)?$/;

/**
 * The error summary of a section page sent back with errors (GOV.UK's pattern): one link per
 * field in error, in the page's order, to the control that field's id names (the first radio or
 * box of a group, see the question components). Form-level errors stay with the summary's text.
 */
export function errorSummaryOf(
  questionnaire: Questionnaire,
  section: Section,
  errors: Record<string, string[] | null | undefined> | undefined,
  language: string,
): SummaryLink[] {
  const t = fixedT(language, questionnaire.id);
  const common = fixedT(language);
  const formId = sectionFormId(section.id);
  const order = new Map(section.questions.map((q, i) => [q.id, i]));
  const links: Array<SummaryLink & { position: number }> = [];
  for (const [name, messages] of Object.entries(errors ?? {})) {
    const match = FIELD.exec(name);
    const question = match ? section.questions.find((q) => q.id === match[1]) : undefined;
    if (!messages?.length || !match || !question) continue;
    const [, , other, rowField, rowCode, index, item, itemOther] = match;
    let label = t(wordingKey.label(question));
    let target = name;
    if (rowField && question.type === "matrix") {
      label = t(wordingKey.option(question.rows, Number(rowCode)));
    } else if (index !== undefined && question.type === "group" && item) {
      const n = Number(index) + 1;
      label = `${common("form.item", { n })}: ${t(wordingKey.itemLabel(question.id, item))}`;
      if (itemOther) label += ` (${common("form.otherSpecify")})`;
    } else if (index !== undefined) {
      // A ranking's place, or a whole item: the question's first control.
      target = question.id;
    }
    if (other) label += ` (${common("form.otherSpecify")})`;
    links.push({
      href: `#${fieldElementId(formId, target)}`,
      text: `${label}: ${messages[0]}`,
      position: order.get(question.id)! * 1000 + (Number(rowCode ?? index ?? 0) || 0),
    });
  }
  return links.sort((a, b) => a.position - b.position).map(({ href, text }) => ({ href, text }));
}
