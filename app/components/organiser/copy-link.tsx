import { useTranslation } from "react-i18next";

/**
 * A link to pass on, in a read-only field that the organisers' script selects on focus and gives a copy
 * button (app/client/organiser.ts); without script it is there to select by hand.
 */
export function CopyLink({ id, link, label, copyLabel }: { id: string; link: string; label: string; copyLabel: string }) {
  const { t } = useTranslation("organiser");
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        readOnly
        value={link}
        className="link-box"
        data-copy={t("invitations.copy")}
        data-copy-label={copyLabel}
        data-copied={t("invitations.copied")}
      />
    </>
  );
}
