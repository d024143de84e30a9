import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { TableScroll } from "~/components/table-scroll";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { findOutboxMessage, listOutbox, requeueMessage } from "~/models/outbox.server";
import { db, nudgeOutbox } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { readForm } from "~/utils/read-form.server";
import { formatDateTime } from "~/utils/format-date";
import { TimeZoneNote } from "~/components/time-zone-note";

export const meta = organiserMeta;

/** Every e-mail the app wrote, newest first; `?m=` opens one as its recipient reads it. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "exportPersonalData");
  const opened = new URL(request.url).searchParams.get("m");
  return json({
    mailServer: Boolean(env.SMTP_URL),
    messages: await listOutbox(db),
    opened: opened ? ((await findOutboxMessage(db, opened)) ?? null) : null,
  });
}

/** Sends a failed message, or one whose delivery is unknown after a crash, again: only when an administrator asks. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "exportPersonalData");
  const t = fixedT(await languageOf(request), "organiser");
  const id = String((await readForm(request)).get("id") ?? "");
  if (!(await requeueMessage(db, id))) return json({ error: t("outbox.cannotResend") }, { status: 409 });
  nudgeOutbox();
  await logAudit(db, { actor: user, action: "mail.resend", targetType: "outbox", targetId: id });
  return json({ error: null });
}

export default function Outbox() {
  const { messages, opened, mailServer } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  const when = (at: string) => formatDateTime(at, i18n.language);
  const statusOf = (status: string) =>
    status === "queued" && !mailServer ? t("outbox.notSent") : t(`mail.deliveries.${status}`);
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <TimeZoneNote />
      {mailServer ? null : <p className="notice">{t("mail.noServer")}</p>}
      {opened ? (
        <section className="notice" aria-labelledby="opened-title">
          <h2 id="opened-title">{opened.subject}</h2>
          <p>{t("outbox.to", { to: opened.to_address, replyTo: opened.reply_to ?? "—" })}</p>
          <pre className="mail-text">{opened.text_body}</pre>
        </section>
      ) : null}
      <TableScroll>
        <table>
          <caption>{t("outbox.count", { count: messages.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("outbox.created")}</th>
              <th scope="col">{t("outbox.recipient")}</th>
              <th scope="col">{t("mail.subject")}</th>
              <th scope="col">{t("invitations.status")}</th>
              <th scope="col">{t("outbox.attempts")}</th>
              <th scope="col">{t("outbox.reason")}</th>
              <th scope="col">{t("outbox.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{when(m.created_at)}</td>
                <td>{m.to_address}</td>
                <td>
                  <Link to={`?m=${m.id}`}>{m.subject}</Link>
                </td>
                <td>
                  {statusOf(m.status)}
                  {m.sent_at ? (
                    <>
                      <br />
                      <span className="muted">{when(m.sent_at)}</span>
                    </>
                  ) : null}
                </td>
                <td>{m.attempts}</td>
                <td>{m.last_error ?? ""}</td>
                <td>
                  {m.status === "failed" || m.status === "unknown" ? (
                    <Form method="post">
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" className="secondary">
                        {t("outbox.resend")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
