import { createContext } from "react";

/**
 * Whether the page being drawn answers a form that was sent (a POST), so that an error page can
 * say what may not have been saved. entry.server sets it from the request; no page hydrates React
 * in the browser, so the browser never needs to know.
 */
export const SentFormContext = createContext(false);
