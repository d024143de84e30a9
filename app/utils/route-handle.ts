/**
 * What a route tells the document around it. No page loads React in the browser (docs/decisions/002):
 * the root renders no `<Scripts />`, so no route can ask for hydration.
 */
export interface RouteHandle {
  /** Load the small respondent script (skip logic on the page, counters, instant validation). */
  enhance?: boolean;
  /** Load the small organiser script (copy buttons for links). */
  organiserScript?: boolean;
  /** An organiser page that can show every consultation of its questionnaire at once (the switch offers "All consultations"). */
  allConsultations?: boolean;
  /**
   * The form the header's language switch submits, for pages whose unsaved entries it must carry
   * (a questionnaire page): the switch then saves them instead of being a plain link to the page.
   */
  languageForm?: (params: Readonly<Record<string, string | undefined>>) => string;
}
