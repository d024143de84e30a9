import { DONT_KNOW } from "./answer-schema";
import type { AnswerValue } from "./conditions";
import { isAnswered } from "./conditions";
import { countryName } from "./countries";
import type { ItemQuestion, Question, Questionnaire, QuestionOf } from "./definition";
import { matrixColumns, wordingKey } from "./wording";
import { formatDay, formatNumber } from "~/utils/format-date";

export interface FormatContext {
  /** Translates keys of the questionnaire's namespace; `common:` keys for the app's own words. */
  t: (key: string, vars?: Record<string, unknown>) => string;
  lists: Questionnaire["lists"];
  language: string;
}

/**
 * An answer in words, in the reader's language: one line per part (one per matrix row,
 * rank or group item). Empty when there is no answer.
 */
export function formatAnswer(
  q: Question | ItemQuestion,
  value: AnswerValue | undefined,
  otherText: string | undefined,
  ctx: FormatContext,
): string[] {
  if (!isAnswered(value)) return [];
  const { t, lists, language } = ctx;
  const option = (listId: string, code: number) =>
    code === DONT_KNOW ? t("common:form.dontKnow") : t(wordingKey.option(listId, code));
  const withOther = (listId: string, code: number) => {
    const text = option(listId, code);
    return lists[listId]!.find((o) => o.code === code)?.other && otherText ? `${text}: ${otherText}` : text;
  };
  switch (q.type) {
    case "single":
      return [withOther(q.list, value as number)];
    case "multiple":
      return (value as number[]).map((code) => withOther(q.list, code));
    case "number":
      // As typed: a year stays "2019", only long numbers are grouped ("12,535").
      return [formatNumber(value as number, language, { useGrouping: "min2" })];
    case "date":
      return [formatDay((value as string).slice(0, 10), language)];
    case "country":
      return [countryName(value as string, language)];
    case "consent":
      return [t("common:review.consentGiven")];
    case "matrix": {
      const columns = matrixColumns(q, lists);
      return Object.entries(value as Record<string, number>).map(
        ([row, code]) => `${option(q.rows, Number(row))}: ${t(columns.find((c) => c.code === code)?.key ?? String(code))}`,
      );
    }
    case "ranking":
      return (value as number[]).map((code, i) => `${i + 1}. ${option(q.list, code)}`);
    case "group":
      return formatGroupItems(q, value, ctx).map((item) => `${item.title}: ${item.fields.map((f) => f.text).join("; ")}`);
    case "text":
    case "longtext":
    case "email":
      return [String(value)];
  }
}

export interface GroupItemAnswer {
  title: string;
  fields: Array<{ label: string; text: string }>;
}

/** Each item of a repeatable group with its answered fields labelled, for pages that show them as lists. */
export function formatGroupItems(q: QuestionOf<"group">, value: AnswerValue | undefined, ctx: FormatContext): GroupItemAnswer[] {
  if (!isAnswered(value)) return [];
  return (value as Array<Record<string, unknown>>).map((item, i) => ({
    title: ctx.t("common:form.item", { n: i + 1 }),
    fields: q.questions
      .map((sub) => ({
        label: ctx.t(wordingKey.itemLabel(q.id, sub)),
        text: formatAnswer(sub, item[sub.id] as AnswerValue | undefined, undefined, ctx).join(", "),
      }))
      .filter((f) => f.text),
  }));
}
