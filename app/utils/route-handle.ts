/**
 * What a route tells the document around it. No page loads React in the browser (docs/decisions/002):
 * the root renders no `<Scripts />`, so no route can ask for hydration.
 */
export interface RouteHandle {
  /** Load the small respondent script (skip logic on the page, counters, instant validation). */
  enhance?: boolean;
}
