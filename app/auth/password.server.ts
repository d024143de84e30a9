import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

// OWASP's scrypt floor: 2^17 rounds of 8 blocks, 128 MiB and about 270 ms a hash on this hardware (see docs/decisions/006).
const CURRENT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const LENGTH = 32;
// scrypt needs 128·N·r bytes; Node refuses more than maxmem (32 MiB by default), so allow that and a little room.
const options = ({ N, r, p }: ScryptParams) => ({ N, r, p, maxmem: 128 * N * r + 1024 * 1024 });

/**
 * Hashes run on libuv's thread pool, which file reads and compression share: two at a time at most,
 * so a burst of sign-ins neither takes every thread nor holds more than 256 MiB.
 */
const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function limitedScrypt(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await scrypt(password.normalize("NFC"), salt, length, options(params));
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** A self-describing scrypt hash: `scrypt$N$r$p$salt$hash`. Other parameters than today's are for tests and old hashes. */
export async function hashPassword(password: string, params: ScryptParams = CURRENT): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await limitedScrypt(password, salt, LENGTH, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

function parse(stored: string) {
  const [scheme, N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return null;
  return {
    params: { N: Number(N), r: Number(r), p: Number(p) },
    salt: Buffer.from(salt, "base64"),
    hash: Buffer.from(hash, "base64"),
  };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  try {
    const actual = await limitedScrypt(password, parsed.salt, parsed.hash.length, parsed.params);
    return crypto.timingSafeEqual(actual, parsed.hash);
  } catch {
    // Parameters scrypt refuses: no password matches such a hash.
    return false;
  }
}

/** True when a stored hash is weaker than today's parameters: store a new one at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < CURRENT.N || r < CURRENT.r || p < CURRENT.p || parsed.hash.length < LENGTH;
}

/** A hash to compare against when the account does not exist, so timing does not tell. */
export const decoyHash = await hashPassword(crypto.randomBytes(16).toString("hex"));

/** A random password a person can copy: 20 characters of base64url (120 bits). */
export function generatePassword(): string {
  return crypto.randomBytes(15).toString("base64url");
}
