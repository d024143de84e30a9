import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server";

/**
 * The server's secret: from SESSION_SECRET, or else a random one kept beside the database
 * (created on first start), so that `npm start` needs no configuration and links survive restarts.
 */
function loadSecret(): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.join(path.dirname(path.resolve(env.DATABASE_PATH)), "secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}

export const serverSecret = loadSecret();

/** A keyed hash of a value, for tokens that can be shown again without being stored. */
export function keyedHash(purpose: string, value: string): Buffer {
  return crypto.createHmac("sha256", serverSecret).update(`${purpose}:${value}`).digest();
}
