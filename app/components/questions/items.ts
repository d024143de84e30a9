import type { ComponentType } from "react";
import type { ItemQuestion } from "~/engine/definition";
import { MultipleChoice, SingleChoice } from "./choice";
import type { QuestionProps } from "./props";
import { CountryField, DateInput, EmailInput, LongText, NumberInput, ShortText } from "./text";

type ItemType = ItemQuestion["type"];

/** The components a question inside a repeatable group can use. */
export const itemComponents: { [T in ItemType]: ComponentType<QuestionProps<Extract<ItemQuestion, { type: T }>>> } = {
  single: SingleChoice,
  multiple: MultipleChoice,
  text: ShortText,
  longtext: LongText,
  number: NumberInput,
  date: DateInput,
  email: EmailInput,
  country: CountryField,
};
