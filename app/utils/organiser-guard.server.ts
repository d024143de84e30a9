import crypto from "node:crypto";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { env } from "./env.server";

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * Until organiser accounts exist, organiser routes ask for the password in ORGANISER_PASSWORD
 * with HTTP Basic authentication (any user name). With no password set they are closed.
 */
export async function requireOrganiser(request: Request): Promise<void> {
  const t = fixedT(await languageOf(request));
  if (!env.ORGANISER_PASSWORD) throw new Response(t("organiser.exportDisabled"), { status: 403 });
  const header = request.headers.get("Authorization") ?? "";
  const [scheme, encoded] = header.split(" ");
  if (scheme === "Basic" && encoded) {
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const password = decoded.slice(decoded.indexOf(":") + 1);
    if (sameSecret(password, env.ORGANISER_PASSWORD)) return;
  }
  throw new Response(t("organiser.loginRequired"), {
    status: 401,
    headers: { "WWW-Authenticate": 'Basic realm="Consulta organisers", charset="UTF-8"', "Content-Type": "text/plain; charset=utf-8" },
  });
}
