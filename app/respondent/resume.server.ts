import { keyedHash } from "~/utils/secret.server";

/**
 * A response's resume credentials, derived from its id with the server's secret so they can be
 * shown again at any time while only their hashes are stored:
 * - a link token of 128 bits;
 * - a 10-character code a person can type, without look-alike characters (about 50 bits;
 *   guessing is rate-limited).
 */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // no 0/O, 1/I/L

export function resumeToken(responseId: string): string {
  return keyedHash("resume-link", responseId).subarray(0, 16).toString("base64url");
}

export function resumeCode(responseId: string): string {
  const bytes = keyedHash("resume-code", responseId);
  let code = "";
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  return code;
}

/** How the code is shown: two groups of five. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a person typed, made comparable: case, spaces and dashes do not matter. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, "");
}
