/**
 * Reads an uploaded text file. UTF-8 (with or without BOM) is taken as is; anything else is read as
 * Windows-1252, what spreadsheet programs on Windows write by default as "CSV", and said so, since a
 * silent guess is what turned "Bogotá" into "Bogot�". Bytes that Windows-1252 leaves undefined mean
 * neither fits: the file is refused.
 */
export type DecodedText =
  { ok: true; text: string; encoding: "utf-8" | "windows-1252" } | { ok: false; reason: "unknownEncoding" };

const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
// 0x80–0x9F differ from Latin-1 (Node's "windows-1252" decoder reads them as Latin-1 control characters).
const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return text;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    if (bytes.some((b) => UNDEFINED_IN_WINDOWS_1252.has(b))) return { ok: false, reason: "unknownEncoding" };
    return { ok: true, text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}
