import type { Kysely } from "kysely";
import type { Database, ThemeRow } from "../../db/schema";
import type { Question, Questionnaire } from "~/engine/definition";
import { fixedT } from "~/i18n/i18next.server";
import { allCodings, createThemes } from "~/models/coding.server";
import { cohensKappa } from "./kappa";

/** The open questions coders read: short and long texts that hold no personal data. */
export function openQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.sections
    .flatMap((s) => s.questions)
    .filter((q) => (q.type === "text" || q.type === "longtext") && !q.personal);
}

/** The themes the meeting raised, seeded into a questionnaire's codebook with their wording from the locale files. */
export const SEED_THEMES = [
  "government_support",
  "financing",
  "legal_basis",
  "privacy",
  "trust",
  "training",
  "internal_capacity",
  "informal_economy",
  "survivor_protection",
  "technology",
  "awareness",
] as const;

export async function seedThemes(db: Kysely<Database>, questionnaireId: string): Promise<number> {
  const en = fixedT("en", "organiser");
  const es = fixedT("es", "organiser");
  return createThemes(
    db,
    questionnaireId,
    SEED_THEMES.map((code) => ({
      code,
      label_en: en(`seedThemes.${code}.label`),
      label_es: es(`seedThemes.${code}.label`),
      description: en(`seedThemes.${code}.description`),
    })),
  );
}

export interface Agreement {
  variable: string;
  coders: [string, string];
  theme: string;
  items: number;
  kappa: number | null;
}

/** Cohen's kappa per question, theme and pair of coders, over the answers both coded. */
export async function agreement(db: Kysely<Database>, questionnaireId: string, themes: ThemeRow[]): Promise<Agreement[]> {
  const codings = await allCodings(db, questionnaireId);
  const byItem = new Map<string, Map<string, Set<string>>>();
  for (const c of codings) {
    const item = `${c.variable}\u0000${c.response_id}`;
    const coders = byItem.get(item) ?? new Map<string, Set<string>>();
    coders.set(c.coder_id, new Set(c.themeIds));
    byItem.set(item, coders);
  }
  const pairs = new Map<string, Array<{ a: Set<string>; b: Set<string> }>>();
  for (const [item, coders] of byItem) {
    const variable = item.split("\u0000")[0]!;
    const ids = [...coders.keys()].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${variable}\u0000${ids[i]}\u0000${ids[j]}`;
        pairs.set(key, [...(pairs.get(key) ?? []), { a: coders.get(ids[i]!)!, b: coders.get(ids[j]!)! }]);
      }
    }
  }
  const result: Agreement[] = [];
  for (const [key, items] of pairs) {
    const [variable, first, second] = key.split("\u0000") as [string, string, string];
    for (const theme of themes) {
      result.push({
        variable,
        coders: [first, second],
        theme: theme.id,
        items: items.length,
        kappa: cohensKappa(items.map(({ a, b }) => [a.has(theme.id), b.has(theme.id)] as const)),
      });
    }
  }
  return result;
}
