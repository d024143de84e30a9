import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { Role } from "../../db/schema";
import { generatePassword, hashPassword } from "~/auth/password.server";
import { leastPrivilegedRole, roles } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { FormErrors, SelectField, TextField } from "~/components/organiser/field";
import { TableScroll } from "~/components/table-scroll";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { deleteSessionsOfUser } from "~/models/session.server";
import {
  countAdmins,
  createUser,
  findUserByEmail,
  findUserById,
  listUsers,
  setGrant,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  type UserGrant,
} from "~/models/user.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";

export const meta = organiserMeta;

/** The grant each grant/revoke button changes. */
const GRANTS = {
  grantLeadCoder: ["lead_coder", true],
  revokeLeadCoder: ["lead_coder", false],
  grantEditor: ["editor", true],
  revokeEditor: ["editor", false],
} as const satisfies Record<string, readonly [UserGrant, boolean]>;
const grantIntents = Object.keys(GRANTS) as Array<keyof typeof GRANTS>;
const isGrantIntent = (intent: string): intent is keyof typeof GRANTS => intent in GRANTS;

const schemaFor = (t: (k: string) => string) =>
  z.discriminatedUnion("intent", [
    z.object({
      intent: z.literal("create"),
      email: z.email({ message: t("users.emailInvalid") }).max(254),
      name: z
        .string({ message: t("users.nameRequired") })
        .trim()
        .min(1)
        .max(120),
      role: z.enum(roles, { message: t("users.roleInvalid") }),
    }),
    z.object({ intent: z.literal("role"), userId: z.string().uuid(), role: z.enum(roles, { message: t("users.roleInvalid") }) }),
    z.object({ intent: z.enum(["disable", "enable", "reset", ...grantIntents]), userId: z.string().uuid() }),
  ]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageUsers");
  return json({ users: await listUsers(db) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, "manageUsers");
  const t = fixedT(await languageOf(request), "organiser");
  const submission = parseWithZod(await readForm(request), { schema: schemaFor(t) });
  const fail = (message: string, status = 400) =>
    json({ result: submission.reply({ formErrors: [message] }) as SubmissionResult<string[]>, password: null }, { status });
  if (submission.status !== "success") {
    return json({ result: submission.reply() as SubmissionResult<string[]>, password: null }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "create") {
    if (await findUserByEmail(db, input.email)) return fail(t("users.emailTaken"), 409);
    const password = generatePassword();
    const user = await createUser(db, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(password),
    });
    await logAudit(db, {
      actor: admin,
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      details: { role: user.role },
    });
    return json({
      result: submission.reply({ resetForm: true }) as SubmissionResult<string[]>,
      password: { email: user.email, password },
    });
  }
  const target = await findUserById(db, input.userId);
  if (!target) return fail(t("users.notFound"), 404);
  const removesLastAdmin =
    target.role === "admin" &&
    !target.disabled_at &&
    (input.intent === "disable" || (input.intent === "role" && input.role !== "admin"));
  if (removesLastAdmin && (await countAdmins(db)) <= 1) return fail(t("users.lastAdmin"), 409);
  if (input.intent === "role") {
    await setUserRole(db, target.id, input.role as Role);
    await deleteSessionsOfUser(db, target.id);
    await logAudit(db, {
      actor: admin,
      action: "user.role",
      targetType: "user",
      targetId: target.id,
      details: { from: target.role, to: input.role },
    });
  } else if (isGrantIntent(input.intent)) {
    const [grant, granted] = GRANTS[input.intent];
    await setGrant(db, target.id, grant, granted);
    await logAudit(db, { actor: admin, action: `user.${input.intent}`, targetType: "user", targetId: target.id });
  } else if (input.intent === "disable" || input.intent === "enable") {
    await setUserDisabled(db, target.id, input.intent === "disable");
    await deleteSessionsOfUser(db, target.id);
    await logAudit(db, { actor: admin, action: `user.${input.intent}`, targetType: "user", targetId: target.id });
  } else {
    const password = generatePassword();
    await setUserPassword(db, target.id, await hashPassword(password));
    await deleteSessionsOfUser(db, target.id);
    await logAudit(db, { actor: admin, action: "user.password_reset", targetType: "user", targetId: target.id });
    return json({ result: submission.reply() as SubmissionResult<string[]>, password: { email: target.email, password } });
  }
  return json({ result: submission.reply() as SubmissionResult<string[]>, password: null });
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  const [form, fields] = useForm({
    id: "new-user",
    lastResult: actionData?.result,
    defaultValue: { name: "", email: "", role: leastPrivilegedRole },
  });
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <>
      <h1>{t("users.title")}</h1>
      <FormErrors id={form.errorId} errors={form.errors} />
      {actionData?.password ? (
        <div className="notice" role="status">
          <p>{t("users.passwordOnce", { email: actionData.password.email })}</p>
          <p className="secret code">{actionData.password.password}</p>
        </div>
      ) : null}
      <TableScroll>
        <table>
          <caption className="visually-hidden">{t("users.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("users.name")}</th>
              <th scope="col">{t("users.email")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.status")}</th>
              <th scope="col">{t("users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={u.id} />
                    <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                      {t("users.roleOf", { name: u.name })}
                    </label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                      {roleOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>{" "}
                    <button type="submit" className="secondary">
                      {t("users.changeRole")}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>
                  </Form>
                </td>
                <td>
                  {u.disabled_at ? t("users.disabled") : t("users.active")}
                  {u.lead_coder ? ` · ${t("users.leadCoder")}` : ""}
                  {u.editor ? ` · ${t("users.editor")}` : ""}
                </td>
                <td>
                  <Form method="post" className="inline">
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" name="intent" value={u.disabled_at ? "enable" : "disable"} className="secondary">
                      {u.disabled_at ? t("users.enable") : t("users.disable")}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>{" "}
                    <button type="submit" name="intent" value="reset" className="secondary">
                      {t("users.resetPassword")}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>{" "}
                    <button
                      type="submit"
                      name="intent"
                      value={u.lead_coder ? "revokeLeadCoder" : "grantLeadCoder"}
                      className="secondary"
                    >
                      {u.lead_coder ? t("users.revokeLeadCoder") : t("users.grantLeadCoder")}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>{" "}
                    <button type="submit" name="intent" value={u.editor ? "revokeEditor" : "grantEditor"} className="secondary">
                      {u.editor ? t("users.revokeEditor") : t("users.grantEditor")}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t("users.add")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <TextField meta={fields.name} label={t("users.name")} required />
        <TextField meta={fields.email} label={t("users.email")} type="email" required />
        <SelectField meta={fields.role} label={t("users.role")} options={roleOptions} />
        <div className="actions">
          <button type="submit">{t("users.create")}</button>
        </div>
      </Form>
    </>
  );
}
