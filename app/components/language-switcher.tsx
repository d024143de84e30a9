import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A plain GET form: it works without JavaScript and keeps the person on the same page. */
export function LanguageSwitcher({ languages }: { languages: string[] }) {
  const { t, i18n } = useTranslation("common");
  const { pathname } = useLocation();
  if (languages.length < 2) return null;
  return (
    <form method="get" action={pathname} className="lang" data-language-switcher>
      <label htmlFor="lng">{t("language.label")}</label>
      <select id="lng" name="lng" defaultValue={i18n.language}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.names.${l}`, { defaultValue: new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l })}
          </option>
        ))}
      </select>
      <button type="submit">{t("language.change")}</button>
    </form>
  );
}
