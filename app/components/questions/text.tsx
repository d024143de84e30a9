import { useTranslation } from "react-i18next";
import type { QuestionOf } from "~/engine/definition";
import { EMAIL_MAX, textMax } from "~/engine/limits";
import { wordingKey } from "~/engine/wording";
import { countryName, countryOptions } from "~/engine/countries";
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
  const { priority, rest } = countryOptions(language, props.question.priority);
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
            <optgroup label={t(wordingKey.countryPriority(props.question.id))}>{priority.map(option)}</optgroup>
            <optgroup label={t("common:form.countryOthers")}>{rest.map(option)}</optgroup>
          </>
        ) : (
          rest.map(option)
        )}
      </select>
    </QuestionFrame>
  );
}
