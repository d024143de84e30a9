import { createCookie } from "@remix-run/node";
import { env } from "~/utils/env.server";

/**
 * Remembers, in this browser, which draft response is the respondent's: consultation id -> resume token
 * (the first consultation of each questionnaire has the questionnaire's id, so earlier cookies still open their drafts).
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

export async function responseTokenFor(request: Request, consultationId: string): Promise<string | undefined> {
  return (await readTokens(request))[consultationId];
}

/** The Set-Cookie header that remembers (or, with no token, forgets) this consultation's response. */
export async function rememberResponse(request: Request, consultationId: string, token: string | null): Promise<string> {
  const tokens = await readTokens(request);
  if (token) tokens[consultationId] = token;
  else delete tokens[consultationId];
  return responseCookie.serialize(tokens);
}
