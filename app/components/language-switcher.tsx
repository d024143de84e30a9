import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * A plain GET form: it works without JavaScript and keeps the person on the same page. On a
 * questionnaire page (`formId`) its controls belong to that page's form instead (the HTML `form`
 * attribute), so switching sends the page's unsaved entries, which the page saves before reloading.
 */
export function LanguageSwitcher({ languages, formId }: { languages: string[]; formId?: string }) {
  const { t, i18n } = useTranslation("common");
  const { pathname } = useLocation();
  if (languages.length < 2) return null;
  const controls = (
    <>
      <label htmlFor="lng">{t("language.label")}</label>
      <select id="lng" name="lng" defaultValue={i18n.language} form={formId}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.names.${l}`, { defaultValue: new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l })}
          </option>
        ))}
      </select>
      {formId ? (
        <button type="submit" form={formId} name="_action" value="language" formNoValidate>
          {t("language.change")}
        </button>
      ) : (
        <button type="submit">{t("language.change")}</button>
      )}
    </>
  );
  return formId ? (
    <div className="lang" data-language-switcher>
      {controls}
    </div>
  ) : (
    <form method="get" action={pathname} className="lang" data-language-switcher>
      {controls}
    </form>
  );
}
