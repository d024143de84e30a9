import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface CodeFilter {
  name: string;
  label: string;
  value: string | number | null;
  options: Array<{ code: string | number; label: string }>;
}

/** A GET form of drop-down filters ("any" or one code each), for the Compendium queue and the directory. */
export function CodeFilters({ questionnaireId, filters }: { questionnaireId: string; filters: CodeFilter[] }) {
  const { t } = useTranslation("compendium");
  return (
    <Form method="get" className="filters">
      <input type="hidden" name="q" value={questionnaireId} />
      {filters.map((f) => (
        <div className="question" key={f.name}>
          <label htmlFor={`filter-${f.name}`}>{f.label}</label>
          <select id={`filter-${f.name}`} name={f.name} defaultValue={f.value ?? ""}>
            <option value="">{t("queue.any")}</option>
            {f.options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="actions">
        <button type="submit" className="secondary">
          {t("queue.filterButton")}
        </button>
      </div>
    </Form>
  );
}
