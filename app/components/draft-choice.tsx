import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DraftChoice as Choice } from "~/respondent/draft-choice.server";
import { Honeypot, HONEYPOT_FIELD } from "./honeypot";
import { formatDateTime } from "~/utils/format-date";

/**
 * Asks which answers to continue when a link would replace the draft this browser holds. One
 * plain form with a button per choice: it works without script, and nothing changes until a
 * button is pressed.
 */
export function DraftChoice({
  choice,
  action,
  linkFields,
}: {
  choice: Choice;
  action: string;
  linkFields: Record<string, string>;
}) {
  const { t, i18n } = useTranslation("common");
  // The texts name the zone: "(UTC)".
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const { held, link } = choice;
  return (
    <>
      <h1>{t("draftChoice.title")}</h1>
      <p>{t("draftChoice.intro")}</p>
      <Form method="post" action={action}>
        <Honeypot name={HONEYPOT_FIELD} />
        {Object.entries(linkFields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <section aria-labelledby="choice-browser">
          <h2 id="choice-browser">{t("draftChoice.browserHeading")}</h2>
          <p>{t("draftChoice.facts", { date: when(held.lastSavedAt), count: held.answered })}</p>
          <p>{t("draftChoice.browserCode", { code: held.code })}</p>
          <div className="actions">
            <button type="submit" name="choice" value="browser">
              {t("draftChoice.keepBrowser")}
            </button>
          </div>
        </section>
        <section aria-labelledby="choice-link">
          <h2 id="choice-link">{t("draftChoice.linkHeading")}</h2>
          <p>
            {!link
              ? t("draftChoice.newStart")
              : link.submittedAt
                ? t("draftChoice.submitted", { date: when(link.submittedAt) })
                : t("draftChoice.facts", { date: when(link.lastSavedAt), count: link.answered })}
          </p>
          <div className="actions">
            <button type="submit" name="choice" value="link" className="secondary">
              {link ? t("draftChoice.takeLink") : t("draftChoice.startInvited")}
            </button>
          </div>
        </section>
      </Form>
      <p>{t("draftChoice.notLost")}</p>
    </>
  );
}
