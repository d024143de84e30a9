import type { Condition, Questionnaire } from "~/engine/definition";
import { countryName } from "~/engine/countries";
import { wordingKey } from "~/engine/wording";

type Translate = (key: string, vars?: Record<string, unknown>) => string;

/**
 * A condition in words for the codebook, e.g. `org_type = 4 (Private company)`.
 * `t` reads the questionnaire's namespace and `organiser:` keys for the connecting words.
 */
export function describeCondition(condition: Condition, questionnaire: Questionnaire, t: Translate, language: string): string {
  const questions = questionnaire.sections.flatMap((s) => s.questions);
  const value = (id: string, v: string | number | boolean) => {
    const q = questions.find((x) => x.id === id);
    if (q && "list" in q && typeof v === "number") return `${v} (${t(wordingKey.option(q.list, v))})`;
    if (q?.type === "country" && typeof v === "string") return `${v} (${countryName(v, language)})`;
    return typeof v === "string" ? `"${v}"` : String(v);
  };
  const describe = (c: Condition): string => {
    if ("all" in c) return c.all.map((x) => `(${describe(x)})`).join(` ${t("organiser:codebook.and")} `);
    if ("any" in c) return c.any.map((x) => `(${describe(x)})`).join(` ${t("organiser:codebook.or")} `);
    if ("not" in c) return `${t("organiser:codebook.not")} (${describe(c.not)})`;
    if ("answered" in c) return t("organiser:codebook.answered", { q: c.q });
    if ("equals" in c) return `${c.q} = ${value(c.q, c.equals)}`;
    if ("in" in c) return t("organiser:codebook.oneOf", { q: c.q, values: c.in.map((v) => value(c.q, v)).join(", ") });
    return t("organiser:codebook.contains", { q: c.q, value: value(c.q, c.contains) });
  };
  return describe(condition);
}

/** When a question is asked, in words: its section's rule and its own, or "always". */
export function skipRule(questionnaire: Questionnaire, questionId: string, t: Translate, language: string): string {
  const section = questionnaire.sections.find((s) => s.questions.some((q) => q.id === questionId));
  const question = section?.questions.find((q) => q.id === questionId);
  const rules = [section?.showIf, question?.showIf].filter((c): c is Condition => Boolean(c));
  if (!rules.length) return t("organiser:codebook.always");
  return rules.map((c) => describeCondition(c, questionnaire, t, language)).join(` ${t("organiser:codebook.and")} `);
}
