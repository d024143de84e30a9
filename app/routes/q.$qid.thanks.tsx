import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AnswerList } from "~/components/answer-list";
import { Honeypot, HONEYPOT_FIELD } from "~/components/honeypot";
import { wordingKey } from "~/engine/wording";
import { respondentContext } from "~/respondent/context.server";
import { honeypotTripped, limitPublicSaves } from "~/respondent/guards.server";
import { mailReceipt, receiptOf } from "~/respondent/receipt.server";
import { db, nudgeOutbox } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { readForm } from "~/utils/read-form.server";
import { rememberResponse } from "~/utils/response-cookie.server";
import { keepRetryAfter } from "~/utils/retry-after";
import type { RouteHandle } from "~/utils/route-handle";

export const handle: RouteHandle = { enhance: false };

/** The receipt holds personal answers: the document keeps the loader's no-store (Remix would drop it). */
export const headers: HeadersFunction = (args) => {
  const headers = new Headers(keepRetryAfter(args));
  const cacheControl = args.loaderHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** What came of asking for the receipt by e-mail, said on the page after the redirect. */
const mailStates = ["queued", "alreadyQueued"] as const;
type MailState = (typeof mailStates)[number];

/**
 * The receipt of this browser's submitted answers: reference, day, every answer, a contact and, when
 * an address was given, the offer of a copy by e-mail. Another browser (or none) gets the plain thanks.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { questionnaire, response, stored, language, t, base } = await respondentContext(request, params.qid);
  if (response && response.status !== "submitted") throw redirect(base);
  const url = new URL(request.url);
  const mail = mailStates.find((s) => s === url.searchParams.get("mail")) ?? null;
  return json(
    {
      questionnaireId: questionnaire.id,
      receipt: response ? receiptOf(questionnaire, response, stored, language) : null,
      again: url.searchParams.get("again") === "1",
      forgotten: url.searchParams.get("forgotten") === "1" && !response,
      mail: mail as MailState | null,
      privacyContact: env.PRIVACY_CONTACT ?? null,
      hasNotice: questionnaire.sections.some((s) => s.start),
      pageTitle: t("thanks.title"),
    },
    // The answers are personal: no shared cache keeps them.
    { headers: { "Cache-Control": "no-store" } },
  );
}

/** "Send me this receipt": queued once, whatever the number of clicks; then the page again, saying so. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { questionnaire, response, stored, language, t, base, consultation } = await respondentContext(request, params.qid);
  await limitPublicSaves(context, t);
  const formData = await readForm(request);
  if (honeypotTripped(formData)) throw json(t("errors.formRejected"), { status: 400 });
  if (response?.status !== "submitted") throw redirect(base);
  if (formData.get("_action") === "forget") {
    // A shared device: this browser stops showing the receipt; the submitted answers are not touched.
    const cookie = await rememberResponse(request, consultation.id, null);
    return redirect(`${base}/thanks?forgotten=1`, { headers: { "Set-Cookie": cookie } });
  }
  const receipt = receiptOf(questionnaire, response, stored, language);
  if (!receipt.email) throw json(t("receipt.noEmail"), { status: 400 });
  const state = await mailReceipt(db, questionnaire, response, { ...receipt, email: receipt.email }, language);
  if (state === "queued") nudgeOutbox();
  return redirect(`${base}/thanks?mail=${state}`);
}

export default function Thanks() {
  const { questionnaireId, receipt, again, forgotten, mail, privacyContact, hasNotice } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["common", questionnaireId]);
  return (
    <>
      <h1>{t("thanks.title")}</h1>
      {again ? (
        <p className="notice" role="status">
          {t("receipt.again")}
        </p>
      ) : null}
      {forgotten ? (
        <p className="notice" role="status">
          {t("receipt.forgotten")}
        </p>
      ) : null}
      <p>{t("thanks.body")}</p>
      {receipt ? (
        <>
          <dl className="receipt-facts">
            <div>
              <dt>{t("receipt.reference")}</dt>
              <dd className="code" translate="no">
                {receipt.reference}
              </dd>
            </div>
            <div>
              <dt>{t("receipt.submittedOn")}</dt>
              <dd>{receipt.submittedOn}</dd>
            </div>
          </dl>
          <p className="no-print">{t("receipt.keepCopy")}</p>
          {receipt.email ? (
            mail ? (
              <p className="notice no-print" role="status">
                {t(`receipt.mail.${mail}`, { email: receipt.email })}
              </p>
            ) : (
              // The one form of the page is at its end (with the "forget" button); this button sends it too.
              <p className="actions no-print">
                <button type="submit" form="receipt-actions" name="_action" value="mail">
                  {t("receipt.mail.send", { email: receipt.email })}
                </button>
              </p>
            )
          ) : null}
        </>
      ) : null}
      {hasNotice || privacyContact ? (
        <p>
          {t("receipt.contact")} {hasNotice ? t(wordingKey.privacy("contact"), { ns: questionnaireId }) : null}{" "}
          {privacyContact ? <a href={`mailto:${privacyContact}`}>{privacyContact}</a> : null}
        </p>
      ) : null}
      {receipt ? (
        <>
          <h2 className="receipt-answers">{t("receipt.answersHeading")}</h2>
          <AnswerList sections={receipt.sections} headingLevel={3} />
          <Form method="post" id="receipt-actions" className="no-print">
            <Honeypot name={HONEYPOT_FIELD} />
            <p>{t("receipt.forgetIntro")}</p>
            <button type="submit" name="_action" value="forget" className="secondary">
              {t("receipt.forget")}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
