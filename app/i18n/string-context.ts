import type { ItemQuestion, Question, Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import type { LocaleMeta } from "./locale-meta";
import { flatten, numbersOfPluralForm, placeholderVariable, placeholdersOf, splitPluralKey } from "./locale-tree";
import type { Usage } from "./usage";

/**
 * What a translator needs to know about one text, in a CAT tool's note or the CSV's
 * `context` column: where it appears (questionnaire, section, question, page), its length
 * limit, its placeholders and, for a plural form, which numbers it is for. Pure: the caller
 * gives the definitions and the code's key usage.
 */

export interface ContextSources {
  /** The questionnaires whose namespace is their id. */
  questionnaires?: readonly Questionnaire[];
  /** The keys the code uses and where (see usage.ts), for the texts of the application itself. */
  usage?: Usage;
  meta?: LocaleMeta;
}

const areaOfNamespace: Record<string, string> = {
  common: "Respondents' pages (buttons, messages, errors) and e-mails",
  organiser: "Organisers' area (seen by the consultation's staff, not by respondents)",
};

const questionKind: Record<Question["type"], string> = {
  single: "one answer from a list",
  multiple: "several answers from a list",
  text: "a short written answer",
  longtext: "a long written answer",
  number: "a number",
  date: "a date",
  email: "an e-mail address",
  country: "a country",
  matrix: "a grid: each row rated on the same scale",
  ranking: "answers put in order",
  consent: "a consent box to tick",
  group: "questions repeated for each item the respondent adds",
};

function quoted(text: unknown): string {
  return typeof text === "string" ? `“${text.replace(/\s+/g, " ").slice(0, 80)}${text.length > 80 ? "…" : ""}”` : "";
}

/** Where each wording key of a questionnaire appears, from its definition. */
function questionnaireContexts(questionnaire: Questionnaire, english: ReadonlyMap<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const title = `Questionnaire ${quoted(english.get(wordingKey.title())) || questionnaire.id} (${questionnaire.id})`;
  out.set(wordingKey.title(), `${title}: its title, on the start page, in the browser tab and in e-mails.`);
  out.set(wordingKey.intro(), `${title}: the introduction on its start page.`);
  const listUsers = new Map<string, string[]>();
  const describeQuestion = (where: string, q: Question | ItemQuestion, label: string, hint: string) => {
    out.set(label, `${where}, question ${q.id} (${questionKind[q.type]}): the question as respondents read it.`);
    out.set(hint, `${where}, question ${q.id}: the hint under the question ${quoted(english.get(label))}.`);
    for (const list of "list" in q ? [q.list] : "rows" in q ? [q.rows, q.scale] : []) {
      listUsers.set(list, [...(listUsers.get(list) ?? []), q.id]);
    }
  };
  questionnaire.sections.forEach((section, index) => {
    const sectionTitle = english.get(wordingKey.sectionTitle(section.id));
    const where = `${title}, section ${index + 1} ${quoted(sectionTitle)} (${section.id})`;
    out.set(wordingKey.sectionTitle(section.id), `${title}, section ${index + 1} (${section.id}): the section's heading.`);
    out.set(wordingKey.sectionIntro(section.id), `${where}: the introduction under the section's heading.`);
    for (const q of section.questions) {
      describeQuestion(where, q, wordingKey.label(q), wordingKey.hint(q));
      if (q.type === "country")
        out.set(wordingKey.countryPriority(q.id), `${where}, question ${q.id}: the heading of the countries listed first.`);
      if (q.type === "group") {
        for (const item of q.questions) {
          describeQuestion(`${where}, group ${q.id}`, item, wordingKey.itemLabel(q.id, item), wordingKey.itemHint(q.id, item));
        }
      }
    }
  });
  for (const [listId, options] of Object.entries(questionnaire.lists)) {
    const users = listUsers.get(listId) ?? [];
    for (const option of options) {
      out.set(
        wordingKey.option(listId, option.code),
        `${title}: an answer option (code ${option.code}) of the list “${listId}”${users.length ? `, offered by question ${users.join(", ")}` : ""}.`,
      );
    }
  }
  for (const theme of questionnaire.seedThemes ?? []) {
    const what = `${title}: a theme the organisers code open answers with (organisers' area only)`;
    out.set(wordingKey.seedThemeLabel(theme.code), `${what}: its name.`);
    out.set(wordingKey.seedThemeDescription(theme.code), `${what}: its description.`);
  }
  return out;
}

function placeholderNote(text: string): string | undefined {
  const list = placeholdersOf(text);
  if (!list.length) return undefined;
  const say = (p: string) =>
    placeholderVariable(p) === "count"
      ? `${p} (the number)`
      : p.startsWith("$t(")
        ? `${p} (another text, put in)`
        : `${p} (a value put in when shown)`;
  return `Placeholders: ${list.map(say).join(", ")}. Copy them exactly, braces included; move them where your language needs them.`;
}

/**
 * A function giving each text's context, one line per fact. `englishText` is the English
 * the language's form translates (`_other` for Spanish `_many`).
 */
export function contextDescriber(english: Readonly<Record<string, unknown>>, sources: ContextSources = {}) {
  const byQuestionnaire = new Map(
    (sources.questionnaires ?? []).map((q) => [q.id, questionnaireContexts(q, flatten(english[q.id]))]),
  );
  const places = new Map<string, Set<string>>();
  for (const ref of sources.usage?.keys ?? []) {
    if (ref.how !== "call") continue;
    const file = ref.where.replace(/:\d+$/, "");
    for (const id of [`${ref.namespace}\u0000${ref.key}`, `*\u0000${ref.key}`])
      places.set(id, (places.get(id) ?? new Set()).add(file));
  }
  return (namespace: string, key: string, language: string, englishText: string): string => {
    const lines: string[] = [];
    const plural = splitPluralKey(key);
    const base = plural?.base ?? key;
    const fromDefinition = byQuestionnaire.get(namespace)?.get(base);
    if (fromDefinition) lines.push(fromDefinition);
    else {
      lines.push(`${areaOfNamespace[namespace] ?? `The texts of ${namespace}`}; key ${key}.`);
      const files = [...(places.get(`${namespace}\u0000${base}`) ?? places.get(`*\u0000${base}`) ?? [])];
      if (files.length)
        lines.push(`Used in ${files.slice(0, 3).join(", ")}${files.length > 3 ? ` and ${files.length - 3} more` : ""}.`);
    }
    if (plural) {
      const numbers = numbersOfPluralForm(language, plural.category);
      lines.push(
        `Plural form “${plural.category}”: used for ${
          numbers.length
            ? `${numbers
                .slice(0, 5)
                .map((n) => n.toLocaleString("en"))
                .join(", ")}${numbers.length > 5 ? "…" : ""}`
            : "no whole number"
        }.`,
      );
    }
    const limit = sources.meta?.maxLength(namespace, key);
    if (limit !== undefined) lines.push(`At most ${limit} characters.`);
    const placeholders = placeholderNote(englishText);
    if (placeholders) lines.push(placeholders);
    return lines.join("\n");
  };
}

export type ContextOf = ReturnType<typeof contextDescriber>;
