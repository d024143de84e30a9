/** What a route tells the document around it. */
export interface RouteHandle {
  /** Load React in the browser. Respondent pages leave it off to stay tiny. */
  hydrate?: boolean;
  /** Load the small respondent script (skip logic on the page, counters, instant validation). */
  enhance?: boolean;
}
