import { generateTOTP, getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mustEnrol, requireUser } from "~/auth/session.server";
import { Messages } from "~/components/messages";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { confirmEnrolment, generateRecoveryCodes, startEnrolment } from "~/models/two-factor.server";
import { findUserById } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

/** What an authenticator app needs, as text: the otpauth URI and the secret in groups of four for typing. */
function setupOf(secret: string, email: string) {
  const uri = getTOTPAuthUri({ secret, accountName: email, issuer: "Consulta", period: 30, digits: 6, algorithm: "SHA-1" });
  return { uri, groups: secret.match(/.{1,4}/g)!.join(" ") };
}

async function pendingSetup(userId: string, email: string) {
  const stored = await findUserById(db, userId);
  return stored?.totp_secret && !stored.totp_enabled_at ? setupOf(stored.totp_secret, email) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ enabled: user.twoFactorEnabled, required: mustEnrol(user), setup: await pendingSetup(user.id, user.email) });
}

type Reply = { error: string | null; setup: ReturnType<typeof setupOf> | null; recoveryCodes: string[] | null };
const reply = (values: Partial<Reply>, status = 200) =>
  json<Reply>({ error: null, setup: null, recoveryCodes: null, ...values }, { status });

/** Enrolment in two steps: "start" makes a secret to add to the app; "confirm" with a first code puts it in force. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = fixedT(await languageOf(request), "organiser");
  if (user.twoFactorEnabled) return reply({ error: t("twoFactor.alreadyEnabled") }, 409);
  const form = await readForm(request);
  if (form.get("intent") === "start") {
    const { secret } = await generateTOTP();
    await startEnrolment(db, user.id, secret);
    return reply({ setup: setupOf(secret, user.email) });
  }
  const stored = await findUserById(db, user.id);
  const setup = await pendingSetup(user.id, user.email);
  if (!stored?.totp_secret || !setup) return reply({ error: t("twoFactor.startFirst") }, 400);
  const code = String(form.get("code") ?? "").replace(/\s/g, "");
  if (!/^\d{6}$/.test(code) || !(await verifyTOTP({ otp: code, secret: stored.totp_secret }))) {
    return reply({ error: t("twoFactor.wrongCode"), setup }, 400);
  }
  const recoveryCodes = generateRecoveryCodes();
  if (!(await confirmEnrolment(db, user.id, recoveryCodes))) return reply({ error: t("twoFactor.alreadyEnabled") }, 409);
  await logAudit(db, { actor: user, action: "user.two_factor_enabled", targetType: "user", targetId: user.id });
  return reply({ recoveryCodes });
}

export default function TwoFactorSetup() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  const setup = actionData?.setup ?? data.setup;
  return (
    <>
      <h1>{t("twoFactor.setupTitle")}</h1>
      {data.required ? <p className="notice">{t("twoFactor.requiredForAdmins")}</p> : null}
      <Messages error={actionData?.error} />
      {actionData?.recoveryCodes ? (
        <div className="notice" role="status">
          <p>{t("twoFactor.enabled")}</p>
          <p>{t("twoFactor.recoveryOnce")}</p>
          <ul className="recovery-codes" translate="no">
            {actionData.recoveryCodes.map((code) => (
              <li key={code} className="code">
                {code}
              </li>
            ))}
          </ul>
        </div>
      ) : data.enabled ? (
        <p>{t("twoFactor.enabled")}</p>
      ) : setup ? (
        <Form method="post">
          <p>{t("twoFactor.addToApp")}</p>
          <p>
            {t("twoFactor.secret")} <span className="secret code">{setup.groups}</span>
          </p>
          <p>
            {t("twoFactor.uri")} <span className="secret">{setup.uri}</span>
          </p>
          <div className="question">
            <label htmlFor="code">{t("twoFactor.code")}</label>
            <input
              id="code"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              maxLength={10}
              className="code-input"
            />
          </div>
          <button type="submit" name="intent" value="confirm">
            {t("twoFactor.confirm")}
          </button>
        </Form>
      ) : (
        <Form method="post">
          <p>{t("twoFactor.intro")}</p>
          <button type="submit" name="intent" value="start">
            {t("twoFactor.start")}
          </button>
        </Form>
      )}
    </>
  );
}
