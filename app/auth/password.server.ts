import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// 2^15 rounds of 8 blocks: about 32 MB and 100 ms per hash on this hardware (OWASP's scrypt floor is 2^17 with r=8 at 128 MB; see docs/decisions).
const N = 2 ** 15;
const r = 8;
const p = 1;
const LENGTH = 32;
const options = (n: number, rr: number, pp: number) => ({ N: n, r: rr, p: pp, maxmem: 256 * n * rr + 1024 * 1024 });

/** A self-describing scrypt hash: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize("NFC"), salt, LENGTH, options(N, r, p));
  return ["scrypt", N, r, p, salt.toString("base64"), hash.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password.normalize("NFC"), Buffer.from(salt, "base64"), expected.length, options(Number(n), Number(rr), Number(pp)));
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash to compare against when the account does not exist, so timing does not tell. */
export const decoyHash = await hashPassword(crypto.randomBytes(16).toString("hex"));

/** A random password a person can copy: 20 characters of base64url (120 bits). */
export function generatePassword(): string {
  return crypto.randomBytes(15).toString("base64url");
}
