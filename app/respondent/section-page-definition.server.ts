import type { Questionnaire, Section } from "~/engine/definition";
import { oncePer } from "~/utils/once-per";

const bySection = new WeakMap<Questionnaire, (section: Section) => Questionnaire>();

/**
 * The questionnaire as a section's page receives it: the definition with that section alone. Remix
 * writes loader data out as JSON, reads it back and writes it again for the document's hand-off, on
 * every request: the other sections cost three copies each time for nothing the page shows. Made once
 * per section (a questionnaire version never changes while the process runs).
 */
export function sectionPageDefinition(questionnaire: Questionnaire, section: Section): Questionnaire {
  let make = bySection.get(questionnaire);
  if (!make) {
    make = oncePer((s: Section) => ({ ...questionnaire, sections: [s] }));
    bySection.set(questionnaire, make);
  }
  return make(section);
}
