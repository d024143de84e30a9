import { useTranslation } from "react-i18next";
import { DISPLAY_TIME_ZONE } from "~/utils/format-date";

/** The zone every time on the page is given in, said once instead of after each time. */
export function TimeZoneNote() {
  const { t } = useTranslation("common");
  return <p className="muted time-zone">{t("time.zoneNote", { zone: DISPLAY_TIME_ZONE })}</p>;
}
