import type { FieldMetadata } from "@conform-to/react";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { otherField } from "~/engine/answer-schema";
import type { Question, QuestionOf, QuestionType, Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import { Consent } from "./consent";
import { RepeatableGroup } from "./group";
import { itemComponents } from "./items";
import { RatingMatrix } from "./matrix";
import { readOnce, type QuestionProps } from "./props";
import { Ranking } from "./ranking";
import { CountrySelect } from "./text";

/** One component per question type; the mapped type makes a missing one a compile error. */
export const questionComponents: { [T in QuestionType]: ComponentType<QuestionProps<QuestionOf<T>>> } = {
  ...itemComponents,
  // Asked once per page: a select (items of a group share one list of names instead).
  country: CountrySelect,
  matrix: RatingMatrix,
  ranking: Ranking,
  consent: Consent,
  group: RepeatableGroup,
};

export interface QuestionFieldProps {
  question: Question;
  fields: Record<string, FieldMetadata<unknown>>;
  formId: string;
  questionnaire: Questionnaire;
}

export function QuestionField({ question, fields, formId, questionnaire }: QuestionFieldProps) {
  const { t } = useTranslation(questionnaire.id);
  const Component = questionComponents[question.type] as ComponentType<QuestionProps<Question>>;
  return (
    <Component
      question={question}
      meta={readOnce(fields[question.id]!)}
      otherMeta={readOnce(fields[otherField(question.id)])}
      formId={formId}
      label={t(wordingKey.label(question))}
      hint={question.hint ? t(wordingKey.hint(question)) : undefined}
      ns={questionnaire.id}
      lists={questionnaire.lists}
    />
  );
}
