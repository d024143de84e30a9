import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

/** Carries an invitation's token from its link to the respondent's first save. */
export const invitationCookie = createCookie("consulta_invitation", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: env.secureCookies,
  maxAge: 60 * 60 * 24 * 90,
});

export async function invitationTokenFrom(request: Request): Promise<string | null> {
  const value: unknown = await invitationCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length <= 64 ? value : null;
}
