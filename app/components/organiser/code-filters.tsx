import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceFields } from "./choice-fields";

export interface CodeFilter {
  name: string;
  label: string;
  value: string | number | null;
  options: Array<{ code: string | number; label: string }>;
}

/** A labelled drop-down of codes whose first choice, "any", sends an empty value. */
export function CodeSelect({ id, name, label, value, options, anyLabel }: CodeFilter & { id: string; anyLabel: string }) {
  return (
    <div className="question">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A GET form of drop-down filters ("any" or one code each), for the Compendium queue and the directory. */
export function CodeFilters({ choice, filters }: { choice: Record<string, string>; filters: CodeFilter[] }) {
  const { t } = useTranslation("compendium");
  return (
    <Form method="get" className="filters">
      <ChoiceFields params={choice} />
      {filters.map((f) => (
        <CodeSelect key={f.name} id={`filter-${f.name}`} anyLabel={t("queue.any")} {...f} />
      ))}
      <div className="actions">
        <button type="submit" className="secondary">
          {t("queue.filterButton")}
        </button>
      </div>
    </Form>
  );
}
