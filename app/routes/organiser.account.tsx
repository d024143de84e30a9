import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { requireUser } from "~/auth/session.server";
import { Messages } from "~/components/messages";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { deleteOtherSessionsOfUser } from "~/models/session.server";
import { findUserById, setUserPassword } from "~/models/user.server";
import { clientAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import { createRateLimiter, tooManyRequests } from "~/utils/rate-limit.server";
import { readForm } from "~/utils/read-form.server";
import { keepRetryAfter } from "~/utils/retry-after";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;
export const headers = keepRetryAfter;

const MIN_PASSWORD = 12;
const MAX_PASSWORD = 1000;
// A stolen session must not be able to guess the current password freely.
const guesses = createRateLimiter(db, { name: "password-change", limit: 8, windowMs: 15 * 60 * 1000 });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ minLength: MIN_PASSWORD });
}

/** Everyone changes their own password: the current one first; every other session of theirs ends. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = fixedT(await languageOf(request), "organiser");
  const fail = (error: string, status = 400) => json({ error, done: null }, { status });
  const verdict = await guesses.hit(JSON.stringify([user.id, clientAddress(context)]));
  if (!verdict.allowed) {
    return tooManyRequests(
      { error: t("login.tooMany", { count: Math.ceil(verdict.retryAfterSeconds / 60) }), done: null },
      verdict,
    );
  }
  const form = await readForm(request);
  const current = String(form.get("current") ?? "");
  const next = String(form.get("password") ?? "");
  const repeat = String(form.get("repeat") ?? "");
  if (next.length < MIN_PASSWORD || next.length > MAX_PASSWORD) return fail(t("account.passwordLength", { min: MIN_PASSWORD }));
  if (next !== repeat) return fail(t("account.passwordsDiffer"));
  const stored = await findUserById(db, user.id);
  if (!stored || current.length > MAX_PASSWORD || !(await verifyPassword(current, stored.password_hash))) {
    await logAudit(db, { actor: user, action: "user.password_change_failed", targetType: "user", targetId: user.id });
    return fail(t("account.currentWrong"), 401);
  }
  await setUserPassword(db, user.id, await hashPassword(next));
  await deleteOtherSessionsOfUser(db, user.id, user.sessionHash);
  await logAudit(db, { actor: user, action: "user.password_change", targetType: "user", targetId: user.id });
  return json({ error: null, done: t("account.passwordChanged") });
}

export default function Account() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p>
        <Link to="/organiser/account/two-factor">{t("twoFactor.setupTitle")}</Link>
      </p>
      <h2>{t("account.changePassword")}</h2>
      <Messages error={actionData?.error} notice={actionData?.done} />
      <Form method="post">
        <div className="question">
          <label htmlFor="current">{t("account.current")}</label>
          <input id="current" name="current" type="password" autoComplete="current-password" required />
        </div>
        <div className="question">
          <label htmlFor="password">{t("account.new")}</label>
          <p className="hint" id="password-hint">
            {t("account.passwordLength", { min: MIN_PASSWORD })}
          </p>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD}
            required
            aria-describedby="password-hint"
          />
        </div>
        <div className="question">
          <label htmlFor="repeat">{t("account.repeat")}</label>
          <input id="repeat" name="repeat" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required />
        </div>
        <div className="actions">
          <button type="submit">{t("account.save")}</button>
        </div>
      </Form>
    </>
  );
}
