import { useTranslation } from "react-i18next";
import { CodeSelect } from "./code-filters";
import type { ResponseFilters } from "~/organiser/filters";
import type { FilterOption } from "~/organiser/filter-options.server";

/** The filter controls shared by the response browser and the export form. */
export function FilterFields({
  filters,
  options,
  languages,
}: {
  filters: ResponseFilters;
  options: FilterOption[];
  languages: string[];
}) {
  const { t } = useTranslation("organiser");
  return (
    <div className="filters">
      <fieldset>
        <legend>{t("filters.status")}</legend>
        {(["submitted", "draft"] as const).map((s) => (
          <div className="choice" key={s}>
            <input type="checkbox" id={`status-${s}`} name="status" value={s} defaultChecked={filters.statuses.includes(s)} />
            <label htmlFor={`status-${s}`}>{t(`status.${s}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="question">
        <label htmlFor="filter-language">{t("filters.language")}</label>
        <select id="filter-language" name="language" defaultValue={filters.languages[0] ?? ""}>
          <option value="">{t("filters.any")}</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {t(`common:language.names.${l}`, { defaultValue: l })}
            </option>
          ))}
        </select>
      </div>
      {options.map((f) => (
        <CodeSelect
          key={f.variable}
          id={`filter-${f.variable}`}
          name={`f.${f.variable}`}
          label={f.label}
          value={filters.codes[f.variable]?.[0] ?? null}
          options={f.options}
          anyLabel={t("filters.any")}
        />
      ))}
      <div className="question">
        <label htmlFor="filter-from">{t("filters.from")}</label>
        <input type="date" id="filter-from" name="from" defaultValue={filters.from} />
      </div>
      <div className="question">
        <label htmlFor="filter-to">{t("filters.to")}</label>
        <input type="date" id="filter-to" name="to" defaultValue={filters.to} />
      </div>
    </div>
  );
}
