import { fallbackLanguage } from "./config";

/** A language's name in the reader's language, from CLDR ("French"); the code when unknown. */
export function languageName(code: string, inLanguage: string): string {
  try {
    const name = new Intl.DisplayNames([inLanguage, fallbackLanguage], { type: "language" }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}
