import { z } from "zod";

/**
 * What the locale files declare about some keys, beside the language folders in
 * `locales/_meta.json` (not a language folder, so never read as one):
 * - `markupAllowed`: keys whose text may hold HTML (`<b>`, `&nbsp;`); everywhere else markup
 *   would show to people as typed, tags and all.
 * - `sameAsEnglish`: keys whose text may stay identical to English (names, codes, numbers),
 *   under `"*"` for every language or under a language code ("No" is Spanish too, not French).
 * - `maxLength`: the most characters a text may have where it is shown (a button, a column).
 * Keys are written `namespace:key`; a final `*` stands for any ending (`common:language.names.*`).
 */

const keyPattern = z.string().regex(/^[a-z][a-z0-9-]*:[^\s:]+$/, 'each key is written "namespace:key"');
const metaSchema = z
  .object({
    $comment: z.string().optional(),
    markupAllowed: z.array(keyPattern).default([]),
    sameAsEnglish: z.record(z.string(), z.array(keyPattern)).default({}),
    maxLength: z.record(keyPattern, z.number().int().positive()).default({}),
  })
  .strict();

export interface LocaleMeta {
  allowsMarkup(namespace: string, key: string): boolean;
  allowsSameAsEnglish(language: string, namespace: string, key: string): boolean;
  maxLength(namespace: string, key: string): number | undefined;
}

function matcher(patterns: readonly string[]): (id: string) => boolean {
  const exact = new Set(patterns.filter((p) => !p.endsWith("*")));
  const prefixes = patterns.filter((p) => p.endsWith("*")).map((p) => p.slice(0, -1));
  return (id) => exact.has(id) || prefixes.some((p) => id.startsWith(p));
}

/** Reads the declarations; throws with the zod message when the file is malformed. */
export function parseLocaleMeta(raw: unknown): LocaleMeta {
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`not a valid declaration file: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  const meta = parsed.data;
  const markup = matcher(meta.markupAllowed);
  const sameEverywhere = matcher(meta.sameAsEnglish["*"] ?? []);
  const samePerLanguage = new Map(Object.entries(meta.sameAsEnglish).map(([l, keys]) => [l, matcher(keys)]));
  return {
    allowsMarkup: (namespace, key) => markup(`${namespace}:${key}`),
    allowsSameAsEnglish: (language, namespace, key) =>
      sameEverywhere(`${namespace}:${key}`) || (samePerLanguage.get(language)?.(`${namespace}:${key}`) ?? false),
    maxLength: (namespace, key) => meta.maxLength[`${namespace}:${key}`],
  };
}

export const noLocaleMeta: LocaleMeta = parseLocaleMeta({});
