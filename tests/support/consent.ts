import { expect } from "vitest";
import { CookieJar, formPost } from "./app";

type Handle = (request: Request) => Promise<Response>;

/**
 * Gives the start page's consent to `questionnaireId` (ticks its box and starts), as a respondent
 * does before anything is stored. Returns the browser's cookies, which now hold the new response.
 */
export async function giveConsent(
  handle: Handle,
  { questionnaireId = "pre-regm", query = "", jar = new CookieJar(), headers = {} as Record<string, string> } = {},
): Promise<CookieJar> {
  const cookie = jar.header();
  const response = jar.take(
    await handle(
      formPost(
        `/q/${questionnaireId}?index${query ? `&${query}` : ""}`,
        { __shown: "consent", consent: "on", _action: "next" },
        { ...headers, ...(cookie ? { Cookie: cookie } : {}) },
      ),
    ),
  );
  expect(response.status, "the start page's consent").toBe(302);
  return jar;
}
