import { useFormMetadata, type FieldMetadata } from "@conform-to/react";
import { createContext, useContext, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import type { ItemQuestion, QuestionOf } from "~/engine/definition";
import { groupMax } from "~/engine/limits";
import { wordingKey } from "~/engine/wording";
import { describedBy, Errors, Hint } from "./frame";
import { itemComponents } from "./items";
import { readOnce, type QuestionProps } from "./props";
import { CountryNames, countryListId } from "./text";

/** The group whose "Add" was just pressed (its field name), or null: its new item takes focus. */
export const AddedItemContext = createContext<string | null>(null);

/**
 * A repeatable group (several examples of one kind). Adding and removing items are
 * submit buttons carrying Conform intents, so they work without JavaScript.
 */
export function RepeatableGroup({ question, meta, formId, label, hint, ns, lists }: QuestionProps<QuestionOf<"group">>) {
  const { t } = useTranslation([ns, "common"]);
  const form = useFormMetadata(formId);
  const items = (meta as FieldMetadata<Array<Record<string, unknown>>>).getFieldList();
  const max = groupMax(question);
  const countryList = question.questions.some((sub) => sub.type === "country") ? countryListId(meta.id) : undefined;
  const added = useContext(AddedItemContext) === meta.name;
  return (
    // Focusable by script only: the error summary links to it when the group itself is in error.
    <fieldset id={meta.id} tabIndex={-1} className="question group" aria-describedby={describedBy(meta, !!hint)}>
      <legend>{label}</legend>
      <Hint id={meta.descriptionId} text={hint} />
      <Errors id={meta.errorId} errors={meta.errors} />
      {countryList && items.length > 0 ? <CountryNames id={countryList} /> : null}
      {items.map((item, index) => {
        const fields = item.getFieldset();
        return (
          // The item just added takes focus on arrival: a plain page load, with or without script.
          <fieldset
            className="item"
            key={item.key ?? item.id}
            id={item.id}
            tabIndex={-1}
            // eslint-disable-next-line jsx-a11y/no-autofocus -- focus follows the respondent's own "Add"
            autoFocus={added && index === items.length - 1}
          >
            <legend>{t("common:form.item", { n: index + 1 })}</legend>
            {question.questions.map((sub) => {
              const Component = itemComponents[sub.type] as ComponentType<QuestionProps<ItemQuestion>>;
              return (
                <Component
                  key={sub.id}
                  question={sub}
                  meta={readOnce(fields[sub.id] as FieldMetadata<unknown>)}
                  formId={formId}
                  label={t(wordingKey.itemLabel(question.id, sub))}
                  hint={sub.hint ? t(wordingKey.itemHint(question.id, sub)) : undefined}
                  ns={ns}
                  lists={lists}
                  countryList={countryList}
                />
              );
            })}
            <button className="secondary" {...form.remove.getButtonProps({ name: meta.name, index })}>
              {t("common:form.removeItem", { n: index + 1 })}
            </button>
          </fieldset>
        );
      })}
      {items.length < max ? (
        <button className="secondary" {...form.insert.getButtonProps({ name: meta.name })}>
          {t("common:form.addItem")}
        </button>
      ) : null}
    </fieldset>
  );
}
