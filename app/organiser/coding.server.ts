import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ConsultationScope } from "~/models/consultation-scope.server";
import type { Question, Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import { fallbackLanguage } from "~/i18n/config";
import { i18nFor, supportedLanguages } from "~/i18n/i18next.server";
import { createThemes, decidedCodings, type ThemeWithLabels, type ThemeWording } from "~/models/coding.server";
import { cohensKappa, percentAgreement } from "./kappa";

/** The open questions coders read: short and long texts that hold no personal data. */
export function openQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.sections
    .flatMap((s) => s.questions)
    .filter((q) => (q.type === "text" || q.type === "longtext") && !q.personal);
}

/** A theme's wording in a language, else in English, else its code. */
export function themeWording(theme: ThemeWithLabels, language: string): ThemeWording {
  return theme.labels[language] ?? theme.labels[fallbackLanguage] ?? { label: theme.code, description: "" };
}

/**
 * Adds the questionnaire's seed themes (its definition's `seedThemes`), worded from its own namespace
 * in every language folder that words them: a language without the wording falls back to English.
 */
export async function seedThemes(db: Kysely<Database>, questionnaire: Questionnaire): Promise<number> {
  const own = (language: string, key: string) => {
    const text: unknown = i18nFor(language).getResource(language, questionnaire.id, key);
    return typeof text === "string" && text.trim() ? text : undefined;
  };
  return createThemes(
    db,
    questionnaire.id,
    (questionnaire.seedThemes ?? []).map((theme) => ({
      code: theme.code,
      labels: Object.fromEntries(
        supportedLanguages.flatMap((language) => {
          const label = own(language, wordingKey.seedThemeLabel(theme.code));
          if (!label) return [];
          const description = theme.description ? own(language, wordingKey.seedThemeDescription(theme.code)) : undefined;
          return [[language, { label, description: description ?? "" }]];
        }),
      ),
    })),
  );
}

export interface Agreement {
  variable: string;
  coders: [string, string];
  theme: string;
  /** Answers both coders coded. */
  items: number;
  /** Share of those answers on which they agree about this theme. */
  percent: number | null;
  kappa: number | null;
}

/** An answer both coders coded, with different themes. */
export interface Disagreement {
  variable: string;
  responseId: string;
  coders: [string, string];
  themes: [string[], string[]];
}

/**
 * Agreement per question, theme (one of the pair ticked) and pair of coders, over the answers both coded (an answer one of
 * them has not coded yet, or only annotated, does not count), and the answers on which they differ.
 */
export async function agreement(
  db: Kysely<Database>,
  scope: ConsultationScope,
  themes: ThemeWithLabels[],
): Promise<{ agreement: Agreement[]; disagreements: Disagreement[] }> {
  const byItem = new Map<string, { variable: string; responseId: string; coders: Map<string, Set<string>> }>();
  for (const c of await decidedCodings(db, scope)) {
    const key = `${c.variable}\u0000${c.response_id}`;
    const item = byItem.get(key) ?? { variable: c.variable, responseId: c.response_id, coders: new Map() };
    item.coders.set(c.coder_id, new Set(c.themeIds));
    byItem.set(key, item);
  }
  const pairs = new Map<
    string,
    { variable: string; coders: [string, string]; items: Array<{ a: Set<string>; b: Set<string> }> }
  >();
  const disagreements: Disagreement[] = [];
  for (const { variable, responseId, coders } of byItem.values()) {
    const ids = [...coders.keys()].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const pair: [string, string] = [ids[i]!, ids[j]!];
        const a = coders.get(pair[0])!;
        const b = coders.get(pair[1])!;
        const key = `${variable}\u0000${pair.join("\u0000")}`;
        const entry = pairs.get(key) ?? { variable, coders: pair, items: [] };
        entry.items.push({ a, b });
        pairs.set(key, entry);
        if (a.size !== b.size || [...a].some((id) => !b.has(id)))
          disagreements.push({ variable, responseId, coders: pair, themes: [[...a], [...b]] });
      }
    }
  }
  const result: Agreement[] = [];
  for (const { variable, coders, items } of pairs.values()) {
    // A theme neither coder ticked says nothing about their agreement (its kappa is undefined).
    const used = new Set(items.flatMap(({ a, b }) => [...a, ...b]));
    for (const theme of themes.filter((th) => used.has(th.id))) {
      const decisions = items.map(({ a, b }) => [a.has(theme.id), b.has(theme.id)] as const);
      result.push({
        variable,
        coders,
        theme: theme.id,
        items: items.length,
        percent: percentAgreement(decisions),
        kappa: cohensKappa(decisions),
      });
    }
  }
  return { agreement: result, disagreements };
}
