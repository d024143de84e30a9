import { useContext } from "react";
import { useTranslation } from "react-i18next";
import type { QuestionOf } from "~/engine/definition";
import { EMAIL_MAX, textMax } from "~/engine/limits";
import { wordingKey } from "~/engine/wording";
import { countryCodes, countryName, countryOptions } from "~/engine/countries";
import { CountryRegion } from "./country-region";
import { describedBy, QuestionFrame } from "./frame";
import { initial, type QuestionProps } from "./props";

function controlProps(
  props: QuestionProps<{ required?: boolean } & QuestionOf<"text" | "longtext" | "number" | "date" | "email" | "country">>,
) {
  const { meta, hint, question } = props;
  return {
    id: meta.id,
    name: meta.name,
    defaultValue: initial(meta),
    required: question.required || undefined,
    "aria-invalid": meta.errors?.length ? true : undefined,
    "aria-describedby": describedBy(meta, !!hint),
  };
}

export function ShortText(props: QuestionProps<QuestionOf<"text">>) {
  return (
    <QuestionFrame {...props} required={props.question.required} group={false}>
      <input type="text" maxLength={textMax(props.question)} {...controlProps(props)} />
    </QuestionFrame>
  );
}

export function LongText(props: QuestionProps<QuestionOf<"longtext">>) {
  const max = textMax(props.question);
  return (
    <QuestionFrame {...props} required={props.question.required} group={false}>
      <textarea maxLength={max} rows={6} data-counter {...controlProps(props)} />
    </QuestionFrame>
  );
}

export function NumberInput(props: QuestionProps<QuestionOf<"number">>) {
  const { question } = props;
  return (
    <QuestionFrame {...props} required={question.required} group={false}>
      <input
        type="text"
        inputMode={question.integer ? "numeric" : "decimal"}
        pattern={question.integer ? "-?[0-9]+" : "-?[0-9]+([.,][0-9]+)?"}
        data-min={question.min}
        data-max={question.max}
        {...controlProps(props)}
      />
    </QuestionFrame>
  );
}

export function DateInput(props: QuestionProps<QuestionOf<"date">>) {
  const { question } = props;
  return (
    <QuestionFrame {...props} required={question.required} group={false}>
      <input type="date" min={question.min} max={question.max} {...controlProps(props)} />
    </QuestionFrame>
  );
}

export function EmailInput(props: QuestionProps<QuestionOf<"email">>) {
  return (
    <QuestionFrame {...props} required={props.question.required} group={false}>
      <input type="email" autoComplete="email" maxLength={EMAIL_MAX} {...controlProps(props)} />
    </QuestionFrame>
  );
}

export function CountrySelect(props: QuestionProps<QuestionOf<"country">>) {
  const { t, i18n } = useTranslation([props.ns, "common"]);
  const language = i18n.language;
  // A consultation with a region lists its countries first; otherwise the question's own priority list, if any.
  const region = useContext(CountryRegion);
  const { priority, rest } = countryOptions(language, region?.codes ?? props.question.priority);
  const priorityLabel = region?.label ?? t(wordingKey.countryPriority(props.question.id));
  // An earlier answer may hold a code no longer offered: keep it selectable, not silently dropped.
  const value = initial(props.meta);
  if (value && countryCodes.has(value) && !priority.includes(value) && !rest.includes(value)) rest.push(value);
  const option = (code: string) => (
    <option key={code} value={code}>
      {countryName(code, language)}
    </option>
  );
  return (
    <QuestionFrame {...props} required={props.question.required} group={false}>
      <select {...controlProps(props)} defaultValue={initial(props.meta) ?? ""}>
        <option value="">{t("common:form.chooseOne")}</option>
        {priority.length > 0 ? (
          <>
            <optgroup label={priorityLabel}>{priority.map(option)}</optgroup>
            <optgroup label={t("common:form.countryOthers")}>{rest.map(option)}</optgroup>
          </>
        ) : (
          rest.map(option)
        )}
      </select>
    </QuestionFrame>
  );
}

/** The id of the one list of country names a repeatable group sends for all its items. */
export const countryListId = (groupId: string) => `${groupId}-countries`;

/** Every country's UN name once, for the country fields of a group's items (a page may hold ten). */
export function CountryNames({ id }: { id: string }) {
  const { i18n } = useTranslation();
  return (
    <datalist id={id}>
      {countryOptions(i18n.language).rest.map((code) => (
        <option key={code} value={countryName(code, i18n.language)} />
      ))}
    </datalist>
  );
}

/**
 * A country inside a repeatable group: a text field suggesting the names of the group's shared
 * list (without script too), instead of a select repeating 250 options per item. The server
 * reads a name in any language, or a code, and stores the code.
 */
export function CountryField(props: QuestionProps<QuestionOf<"country">>) {
  const { i18n } = useTranslation();
  const value = initial(props.meta);
  const shown = value && countryCodes.has(value) ? countryName(value, i18n.language) : value;
  return (
    <QuestionFrame {...props} required={props.question.required} group={false}>
      <input type="text" list={props.countryList} autoComplete="off" {...controlProps(props)} defaultValue={shown} />
    </QuestionFrame>
  );
}
