import { useTranslation } from "react-i18next";
import type { FieldMetadata } from "@conform-to/react";
import type { Option, QuestionOf } from "~/engine/definition";
import { OTHER_TEXT_MAX } from "~/engine/limits";
import { wordingKey } from "~/engine/wording";
import { describedBy, Errors, QuestionFrame } from "./frame";
import { initial, initialList, type QuestionProps } from "./props";

/** Lists longer than this become a select unless the definition says otherwise. */
const SELECT_FROM = 13;

function OtherText({ meta, optionId }: { meta?: FieldMetadata<unknown>; optionId: string }) {
  const { t } = useTranslation("common");
  if (!meta) return null;
  return (
    <div className="other" data-other-of={optionId}>
      <label htmlFor={meta.id}>{t("form.otherSpecify")}</label>
      <Errors id={meta.errorId} errors={meta.errors} />
      <input
        type="text"
        id={meta.id}
        name={meta.name}
        maxLength={OTHER_TEXT_MAX}
        defaultValue={initial(meta)}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={meta.errors?.length ? meta.errorId : undefined}
      />
    </div>
  );
}

function ChoiceList({
  type,
  options,
  listId,
  ns,
  meta,
  otherMeta,
  checked,
  required,
}: {
  type: "radio" | "checkbox";
  options: Option[];
  listId: string;
  ns: string;
  meta: FieldMetadata<unknown>;
  otherMeta?: FieldMetadata<unknown>;
  checked: string[];
  required: boolean;
}) {
  const { t } = useTranslation(ns);
  return (
    <>
      {options.map((option, index) => {
        // The first option carries the question's id: the error summary links to it.
        const id = index === 0 ? meta.id : `${meta.id}-${option.code}`;
        return (
          <div key={option.code}>
            <div className="choice">
              <input
                type={type}
                id={id}
                name={meta.name}
                value={option.code}
                defaultChecked={checked.includes(String(option.code))}
                required={required || undefined}
                aria-invalid={meta.errors?.length ? true : undefined}
                data-exclusive={option.exclusive || undefined}
              />
              <label htmlFor={id}>{t(wordingKey.option(listId, option.code))}</label>
            </div>
            {option.other ? <OtherText meta={otherMeta} optionId={id} /> : null}
          </div>
        );
      })}
    </>
  );
}

export function SingleChoice({ question, meta, otherMeta, label, hint, ns, lists }: QuestionProps<QuestionOf<"single">>) {
  const { t } = useTranslation([ns, "common"]);
  const options = lists[question.list]!;
  const asSelect = question.display === "select" || (question.display !== "radio" && options.length >= SELECT_FROM);
  if (asSelect) {
    const other = options.find((o) => o.other);
    return (
      <QuestionFrame meta={meta} label={label} hint={hint} required={question.required} group={false}>
        <select
          id={meta.id}
          name={meta.name}
          defaultValue={initial(meta) ?? ""}
          required={question.required || undefined}
          aria-invalid={meta.errors?.length ? true : undefined}
          aria-describedby={describedBy(meta, !!hint)}
        >
          <option value="">{t("common:form.chooseOne")}</option>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {t(wordingKey.option(question.list, o.code))}
            </option>
          ))}
        </select>
        {other ? <OtherText meta={otherMeta} optionId={`${meta.id}-${other.code}`} /> : null}
      </QuestionFrame>
    );
  }
  return (
    <QuestionFrame meta={meta} label={label} hint={hint} required={question.required} group>
      <ChoiceList
        type="radio"
        options={options}
        listId={question.list}
        ns={ns}
        meta={meta}
        otherMeta={otherMeta}
        checked={initialList(meta)}
        required={!!question.required}
      />
    </QuestionFrame>
  );
}

export function MultipleChoice({ question, meta, otherMeta, label, hint, ns, lists }: QuestionProps<QuestionOf<"multiple">>) {
  return (
    <QuestionFrame meta={meta} label={label} hint={hint} required={question.required} group>
      <ChoiceList
        type="checkbox"
        options={lists[question.list]!}
        listId={question.list}
        ns={ns}
        meta={meta}
        otherMeta={otherMeta}
        checked={initialList(meta)}
        // A required checkbox in HTML means "this box"; the rule "at least one" is checked on the server.
        required={false}
      />
    </QuestionFrame>
  );
}
