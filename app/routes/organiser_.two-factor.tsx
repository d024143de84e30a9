import { verifyTOTP } from "@epic-web/totp";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentUser, endSession, startSession } from "~/auth/session.server";
import { Messages } from "~/components/messages";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { spendRecoveryCode } from "~/models/two-factor.server";
import { findUserById } from "~/models/user.server";
import { clientAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import { createRateLimiter, tooManyRequests } from "~/utils/rate-limit.server";
import { readForm } from "~/utils/read-form.server";
import { keepRetryAfter } from "~/utils/retry-after";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];
export const headers = keepRetryAfter;

// As at the password: per account from one address, and a slower backstop per account from all.
const byAccountFromAddress = createRateLimiter(db, { name: "two-factor-account-address", limit: 8, windowMs: 15 * 60 * 1000 });
const byAccount = createRateLimiter(db, { name: "two-factor-account", limit: 30, windowMs: 60 * 60 * 1000 });

async function pendingUser(request: Request) {
  const user = await currentUser(request);
  if (!user) throw redirect("/organiser/login");
  if (!user.secondFactorPending) throw redirect("/organiser");
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await pendingUser(request);
  const language = await languageOf(request);
  return json({ title: `${fixedT(language, "organiser")("twoFactor.title")} – ${fixedT(language)("app.name")}` });
}

/** The second step of signing in: a code from the authenticator app, or one recovery code. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await pendingUser(request);
  const t = fixedT(await languageOf(request), "organiser");
  // One after the other, as at the password: a refusal by the first does not use up the backstop.
  for (const limit of [
    () => byAccountFromAddress.hit(JSON.stringify([user.id, clientAddress(context)])),
    () => byAccount.hit(user.id),
  ]) {
    const verdict = await limit();
    if (!verdict.allowed) {
      await logAudit(db, { actor: user, action: "login.throttled", details: { limit: "second-factor" } });
      return tooManyRequests({ error: t("login.tooMany", { count: Math.ceil(verdict.retryAfterSeconds / 60) }) }, verdict);
    }
  }
  const code = String((await readForm(request)).get("code") ?? "").trim();
  const stored = await findUserById(db, user.id);
  const secret = stored?.totp_enabled_at ? stored.totp_secret : null;
  const digits = code.replace(/\s/g, "");
  const valid =
    secret !== null &&
    code.length <= 40 &&
    (/^\d{6}$/.test(digits) ? Boolean(await verifyTOTP({ otp: digits, secret })) : await spendRecoveryCode(db, user.id, code));
  if (!valid) {
    await logAudit(db, { actor: user, action: "login.failed", details: { step: "second-factor" } });
    return json({ error: t("twoFactor.wrongCode") }, { status: 401 });
  }
  await byAccountFromAddress.reset(JSON.stringify([user.id, clientAddress(context)]));
  await endSession(request);
  await logAudit(db, { actor: user, action: "login", details: { secondFactor: /^\d{6}$/.test(digits) ? "totp" : "recovery" } });
  return redirect("/organiser", { headers: { "Set-Cookie": await startSession(user.id) } });
}

export default function TwoFactor() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  return (
    <>
      <h1>{t("twoFactor.title")}</h1>
      <Messages error={actionData?.error} />
      <Form method="post">
        <div className="question">
          <label htmlFor="code">{t("twoFactor.code")}</label>
          <p className="hint" id="code-hint">
            {t("twoFactor.codeHint")}
          </p>
          <input
            id="code"
            name="code"
            autoComplete="one-time-code"
            required
            maxLength={40}
            className="code-input"
            aria-describedby="code-hint"
          />
        </div>
        <div className="actions">
          <button type="submit">{t("twoFactor.submit")}</button>
        </div>
      </Form>
      <Form method="post" action="/organiser/logout">
        <button type="submit" className="secondary">
          {t("nav.logout")}
        </button>
      </Form>
    </>
  );
}
