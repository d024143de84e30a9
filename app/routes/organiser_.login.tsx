import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { decoyHash, verifyPassword } from "~/auth/password.server";
import { currentUser, startSession } from "~/auth/session.server";
import { FormErrors, TextField } from "~/components/organiser/field";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { findUserByEmail, normalizeEmail } from "~/models/user.server";
import { clientAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import { createRateLimiter } from "~/utils/rate-limit.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// Per address and per account, so neither one machine nor a spread of machines can guess freely.
const byAddress = createRateLimiter({ limit: 20, windowMs: 15 * 60 * 1000 });
const byAccount = createRateLimiter({ limit: 8, windowMs: 15 * 60 * 1000 });

const schema = (t: (k: string) => string) =>
  z.object({
    email: z.string({ message: t("login.emailRequired") }).trim().max(254, { message: t("login.emailRequired") }),
    password: z.string({ message: t("login.passwordRequired") }).max(1000, { message: t("login.failed") }),
  });

/** Only paths inside the organisers' area: never an open redirect. */
function safeRedirect(target: FormDataEntryValue | string | null): string {
  return typeof target === "string" && /^\/organiser(\/[^/\\]|$|\?)/.test(target) && !target.startsWith("//") ? target : "/organiser";
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await currentUser(request)) return redirect("/organiser");
  const language = await languageOf(request);
  return json({ title: `${fixedT(language, "organiser")("login.title")} – ${fixedT(language)("app.name")}` });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = fixedT(await languageOf(request), "organiser");
  // Counted before the form is read: a flood of sign-ins costs the server as little as possible.
  const address = byAddress.hit(clientAddress(context));
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: schema(t) });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) as SubmissionResult<string[]> }, { status: 400 });
  }
  const { email, password } = submission.value;
  const account = byAccount.hit(normalizeEmail(email));
  if (!address.allowed || !account.allowed) {
    await logAudit(db, { action: "login.throttled", details: { account: account.allowed ? "ok" : "limited" } });
    const minutes = Math.ceil(Math.max(address.retryAfterSeconds, account.retryAfterSeconds) / 60);
    return json(
      { result: submission.reply({ formErrors: [t("login.tooMany", { count: minutes })], hideFields: ["password"] }) as SubmissionResult<string[]> },
      { status: 429 },
    );
  }
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(password, user?.password_hash ?? decoyHash);
  if (!user || !valid || user.disabled_at) {
    await logAudit(db, { action: "login.failed", targetType: user ? "user" : undefined, targetId: user?.id });
    return json(
      { result: submission.reply({ formErrors: [t("login.failed")], hideFields: ["password"] }) as SubmissionResult<string[]> },
      { status: 401 },
    );
  }
  byAccount.reset(normalizeEmail(email));
  await logAudit(db, { actor: user, action: "login" });
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
      <Form method="post" action={redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : undefined} {...getFormProps(form)}>
        <TextField meta={fields.email} label={t("login.email")} type="email" autoComplete="username" required />
        <TextField meta={fields.password} label={t("login.password")} type="password" autoComplete="current-password" required />
        <div className="actions">
          <button type="submit">{t("login.submit")}</button>
        </div>
      </Form>
    </>
  );
}
