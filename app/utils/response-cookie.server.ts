import { createCookie } from "@remix-run/node";
import { env } from "~/utils/env.server";

/**
 * Remembers, in this browser, which draft response is the respondent's: questionnaire id -> resume token.
 * The token is 128 random bits and only its hash is in the database.
 */
const responseCookie = createCookie("consulta_response", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: env.secureCookies,
  maxAge: 60 * 60 * 24 * 180,
});

type Tokens = Record<string, string>;

async function readTokens(request: Request): Promise<Tokens> {
  const value: unknown = await responseCookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export async function responseTokenFor(request: Request, questionnaireId: string): Promise<string | undefined> {
  return (await readTokens(request))[questionnaireId];
}

/** The Set-Cookie header that remembers (or, with no token, forgets) this questionnaire's response. */
export async function rememberResponse(request: Request, questionnaireId: string, token: string | null): Promise<string> {
  const tokens = await readTokens(request);
  if (token) tokens[questionnaireId] = token;
  else delete tokens[questionnaireId];
  return responseCookie.serialize(tokens);
}
