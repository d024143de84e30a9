import { useTranslation } from "react-i18next";

/** A field people never see or fill: a form that comes back with it missing or filled was sent by a robot. */
export const HONEYPOT_FIELD = "reference_code";

/** Hidden from people (display: none), so only robots fill it; the label says so for anyone who meets it. */
export function Honeypot({ name }: { name: string }) {
  const { t } = useTranslation("common");
  return (
    <div className="hp">
      <label htmlFor={`hp-${name}`}>{t("form.leaveEmpty")}</label>
      <input type="text" id={`hp-${name}`} name={name} defaultValue="" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
