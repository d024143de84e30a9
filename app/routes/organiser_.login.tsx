import { getFormProps, useForm, type Submission, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { z } from "zod";
import { decoyHash, hashPassword, needsRehash, verifyPassword } from "~/auth/password.server";
import { currentUser, startSession, TWO_FACTOR_PATH } from "~/auth/session.server";
import { FormErrors, TextField } from "~/components/organiser/field";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { findUserByEmail, normalizeEmail, upgradePasswordHash } from "~/models/user.server";
import { clientAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import { createRateLimiter, tooManyRequests } from "~/utils/rate-limit.server";
import { keepRetryAfter } from "~/utils/retry-after";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];
export const headers = keepRetryAfter;

// Per address, per account from one address, and a slower backstop per account from every address:
// neither one machine nor a spread of machines can guess freely, and a stranger's guesses lock out
// only the stranger's address, not the colleague whose account it is.
const byAddress = createRateLimiter(db, { name: "login-address", limit: 20, windowMs: 15 * 60 * 1000 });
const byAccountFromAddress = createRateLimiter(db, { name: "login-account-address", limit: 8, windowMs: 15 * 60 * 1000 });
const byAccount = createRateLimiter(db, { name: "login-account", limit: 100, windowMs: 60 * 60 * 1000 });

const schema = (t: (k: string) => string) =>
  z.object({
    email: z
      .string({ message: t("login.emailRequired") })
      .trim()
      .max(254, { message: t("login.emailRequired") }),
    password: z.string({ message: t("login.passwordRequired") }).max(1000, { message: t("login.failed") }),
  });

/**
 * Only paths inside the organisers' area: never an open redirect. Resolved as a browser would, so
 * `//host`, backslashes and `..` are seen for what they are; the result is percent-encoded ASCII
 * (line breaks dropped, other characters encoded), always a valid Location header.
 */
function safeRedirect(target: string | null): string {
  const base = "http://organiser.invalid";
  if (!target || !URL.canParse(target, base)) return "/organiser";
  const url = new URL(target, base);
  const inside = url.origin === base && (url.pathname === "/organiser" || url.pathname.startsWith("/organiser/"));
  return inside ? url.pathname + url.search : "/organiser";
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await currentUser(request)) return redirect("/organiser");
  const language = await languageOf(request);
  return json({ title: `${fixedT(language, "organiser")("login.title")} – ${fixedT(language)("app.name")}` });
}

/** A 429 saying when to come back; with the form as it was sent (less the password) once it was read. */
async function throttled(t: TFunction, verdict: { retryAfterSeconds: number }, limit: string, submission?: Submission<unknown>) {
  await logAudit(db, { action: "login.throttled", details: { limit } });
  const message = t("login.tooMany", { count: Math.ceil(verdict.retryAfterSeconds / 60) });
  const result = submission
    ? submission.reply({ formErrors: [message], hideFields: ["password"] })
    : { status: "error" as const, error: { "": [message] } };
  return tooManyRequests({ result: result as SubmissionResult<string[]> }, verdict);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = fixedT(await languageOf(request), "organiser");
  // Counted before the form is read: a flood of sign-ins from one address costs the server as little as possible.
  const address = await byAddress.hit(clientAddress(context));
  if (!address.allowed) return throttled(t, address, "address");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: schema(t) });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) as SubmissionResult<string[]> }, { status: 400 });
  }
  const { email, password } = submission.value;
  const accountHere = JSON.stringify([normalizeEmail(email), clientAddress(context)]);
  // Each limit counts only the attempts the one before it let through: an address already refused
  // cannot use up the account's backstop and so lock its owner out everywhere.
  const accountFromAddress = await byAccountFromAddress.hit(accountHere);
  if (!accountFromAddress.allowed) return throttled(t, accountFromAddress, "account-address", submission);
  const account = await byAccount.hit(normalizeEmail(email));
  if (!account.allowed) return throttled(t, account, "account", submission);
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(password, user?.password_hash ?? decoyHash);
  if (!user || !valid || user.disabled_at) {
    await logAudit(db, { action: "login.failed", targetType: user ? "user" : undefined, targetId: user?.id });
    return json(
      { result: submission.reply({ formErrors: [t("login.failed")], hideFields: ["password"] }) as SubmissionResult<string[]> },
      { status: 401 },
    );
  }
  await byAccountFromAddress.reset(accountHere);
  // Stored with weaker parameters than today's: store a new hash of the password just verified.
  const rehashed =
    needsRehash(user.password_hash) && (await upgradePasswordHash(db, user.id, user.password_hash, await hashPassword(password)));
  if (user.totp_enabled_at) {
    // The password was right; the session opens only the code page until the second factor is given.
    await logAudit(db, { actor: user, action: "login.password", details: rehashed ? { passwordRehashed: true } : undefined });
    return redirect(TWO_FACTOR_PATH, { headers: { "Set-Cookie": await startSession(user.id, { secondFactorPending: true }) } });
  }
  await logAudit(db, { actor: user, action: "login", details: rehashed ? { passwordRehashed: true } : undefined });
  return redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")), {
    headers: { "Set-Cookie": await startSession(user.id) },
  });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation("organiser");
  const [form, fields] = useForm({ id: "login", lastResult: actionData?.result });
  const redirectTo = params.get("redirectTo");
  return (
    <>
      <h1>{t("login.title")}</h1>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form
        method="post"
        action={redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : undefined}
        {...getFormProps(form)}
      >
        <TextField meta={fields.email} label={t("login.email")} type="email" autoComplete="username" required />
        <TextField meta={fields.password} label={t("login.password")} type="password" autoComplete="current-password" required />
        <div className="actions">
          <button type="submit">{t("login.submit")}</button>
        </div>
      </Form>
    </>
  );
}
