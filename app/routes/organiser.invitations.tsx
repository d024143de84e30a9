import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { invitationFilterFrom } from "~/organiser/invitation-filter";
import { requireUser } from "~/auth/session.server";
import { SelectField, TextField } from "~/components/organiser/field";
import { TableScroll } from "~/components/table-scroll";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { countInvitations, createInvitations, invitedEmails, listInvitations } from "~/models/invitation.server";
import { checkInvitationCsv, type RowVerdict } from "~/organiser/invitation-csv";
import { invitationSchema } from "~/organiser/invitation-schema";
import { invitationLink, invitationTokenHash } from "~/organiser/invitation-link.server";
import { publicOrigin } from "~/utils/public-origin.server";
import { ChoiceFields } from "~/components/organiser/choice-fields";
import { languagesOffered, requireOneConsultation } from "~/organiser/current-consultation.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { decodeText } from "~/utils/decode-text";
import { organiserMeta } from "~/utils/organiser-meta";
import { MAX_INVITATION_UPLOAD_BYTES } from "~/utils/body-limits.mjs";
import { previewMail, queueMail, type Audience } from "~/mail/campaign.server";
import { env } from "~/utils/env.server";
import { nudgeOutbox } from "~/utils/db.server";
import type { RouteHandle } from "~/utils/route-handle";
import { formatDateTime, formatNumber } from "~/utils/format-date";
import { TimeZoneNote } from "~/components/time-zone-note";
import { languageName } from "~/i18n/language-name";

export const meta = organiserMeta;
export const handle: RouteHandle = { organiserScript: true };

const PER_PAGE = 50;

/** The address of the list with `changes` applied to the current one (other settings kept). */
function listHref(params: URLSearchParams, changes: Record<string, string | null>) {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return `?${next.toString()}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageInvitations");
  const url = new URL(request.url);
  const { consultation, scope, params } = await requireOneConsultation(db, request);
  const filter = invitationFilterFrom(url.searchParams, consultation.id);
  const total = await countInvitations(db, scope.questionnaireId, filter);
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const asked = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  const page = Number.isSafeInteger(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  const invitations = await listInvitations(db, scope.questionnaireId, filter, {
    limit: PER_PAGE,
    offset: (page - 1) * PER_PAGE,
  });
  const origin = publicOrigin(request);
  return json({
    choice: params,
    ...filter,
    total,
    page,
    pages,
    languages: languagesOffered(consultation),
    mailServer: Boolean(env.SMTP_URL),
    reminderDays: env.REMINDER_INTERVAL_DAYS,
    invitations: invitations.map((i) => ({ ...i, link: invitationLink(origin, i.id) })),
  });
}

const oneSchema = (t: (k: string) => string, languages: string[]) =>
  invitationSchema(t, languages).extend({ intent: z.literal("add") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageInvitations");
  const language = await languageOf(request);
  const t = fixedT(language, "organiser");
  const form = await readForm(request, { files: true });
  const { questionnaire, consultation, scope } = await requireOneConsultation(db, request, form);
  // The database allows an address once per questionnaire, whichever consultation invited it.
  const alreadyInvited = () => invitedEmails(db, { questionnaireId: questionnaire.id, consultationId: null });
  const offered = languagesOffered(consultation);
  const intent = form.get("intent");

  if (intent === "preview" || intent === "send") {
    const kind = form.get("kind") === "reminder" ? "reminder" : "invitation";
    const ids = form.getAll("id").filter((v): v is string => typeof v === "string" && v !== "");
    // No box ticked: everyone not yet invited, or everyone due a reminder.
    const audience: Audience = { scope, kind, ids: ids.length ? ids : null };
    const sender = { name: user.name, email: user.email };
    const origin = publicOrigin(request);
    if (intent === "preview") {
      const preview = await previewMail(db, audience, sender, origin);
      return json({ kind: "preview" as const, mailKind: kind, ids, ...preview }, { status: preview.count ? 200 : 400 });
    }
    const count = await queueMail(db, audience, sender, origin);
    if (count) nudgeOutbox();
    await logAudit(db, {
      actor: user,
      action: `mail.${kind}`,
      targetType: "questionnaire",
      targetId: questionnaire.id,
      details: { queued: count, chosen: ids.length, consultation: consultation.id },
    });
    return json({ kind: "queued" as const, mailKind: kind, count });
  }

  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return json({ kind: "error" as const, error: t("invitations.fileMissing") }, { status: 400 });
    if (file.size > MAX_INVITATION_UPLOAD_BYTES)
      return json(
        {
          kind: "error" as const,
          error: t("invitations.fileTooLarge", { megabytes: MAX_INVITATION_UPLOAD_BYTES / 1024 / 1024 }),
        },
        { status: 413 },
      );
    const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) return json({ kind: "error" as const, error: t("invitations.encodingUnknown") }, { status: 400 });
    const checked = checkInvitationCsv(decoded.text, {
      languages: supportedLanguages,
      offered,
      alreadyInvited: await alreadyInvited(),
    });
    if (checked.headerProblem) {
      return json(
        { kind: "error" as const, error: t("invitations.columnsMissing", { columns: checked.headerProblem }) },
        { status: 400 },
      );
    }
    const created = await createInvitations(
      db,
      checked.rows.map((r) => ({ ...r, questionnaireId: questionnaire.id, consultationId: consultation.id })),
      user.id,
      invitationTokenHash,
    );
    await logAudit(db, {
      actor: user,
      action: "invitations.upload",
      targetType: "questionnaire",
      targetId: questionnaire.id,
      details: { added: created.length, refused: checked.verdicts.length - created.length, consultation: consultation.id },
    });
    return json(
      { kind: "report" as const, verdicts: checked.verdicts, readAsWindows1252: decoded.encoding === "windows-1252" },
      { status: created.length || !checked.verdicts.length ? 200 : 400 },
    );
  }

  const submission = parseWithZod(form, { schema: oneSchema(t, supportedLanguages) });
  if (submission.status !== "success") {
    return json(
      { kind: "form" as const, result: submission.reply() as SubmissionResult<string[]>, added: null },
      { status: 400 },
    );
  }
  const { intent: _, ...fields } = submission.value;
  const { email } = fields;
  if (!offered.includes(fields.language)) {
    const names = offered.map((l) => languageName(l, language)).join(", ");
    return json(
      {
        kind: "form" as const,
        result: submission.reply({
          fieldErrors: { language: [t("invitations.languageNotOffered", { languages: names })] },
        }) as SubmissionResult<string[]>,
        added: null,
      },
      { status: 400 },
    );
  }
  if ((await alreadyInvited()).has(email.toLowerCase())) {
    return json(
      {
        kind: "form" as const,
        result: submission.reply({ fieldErrors: { email: [t("invitations.alreadyInvited")] } }) as SubmissionResult<string[]>,
        added: null,
      },
      { status: 409 },
    );
  }
  const [created] = await createInvitations(
    db,
    [{ questionnaireId: questionnaire.id, consultationId: consultation.id, ...fields }],
    user.id,
    invitationTokenHash,
  );
  await logAudit(db, { actor: user, action: "invitation.create", targetType: "invitation", targetId: created!.id });
  return json({
    kind: "form" as const,
    result: submission.reply({ resetForm: true }) as SubmissionResult<string[]>,
    added: { name: created!.name },
  });
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

/** What would be sent, to how many, with the button that sends it: nothing leaves without this step. */
function Preview({
  preview,
  choice,
}: {
  preview: Extract<NonNullable<ActionData>, { kind: "preview" }>;
  choice: Record<string, string>;
}) {
  const { t } = useTranslation("organiser");
  if (!preview.sample)
    return (
      <div className="summary" role="alert">
        {t(preview.mailKind === "invitation" ? "mail.nobodyToInvite" : "mail.nobodyToRemind")}
      </div>
    );
  return (
    <section className="notice" aria-labelledby="preview-title">
      <h2 id="preview-title">{t(preview.mailKind === "invitation" ? "mail.previewInvitation" : "mail.previewReminder")}</h2>
      <p>{t("mail.recipients", { count: preview.count, names: preview.names.join(", ") })}</p>
      <p>{t("mail.sampleFor", { to: preview.sample.to, language: preview.sample.language })}</p>
      <p>
        <strong>{t("mail.subject")}</strong> {preview.sample.subject}
      </p>
      <pre className="mail-text">{preview.sample.text}</pre>
      <iframe title={t("mail.htmlVersion")} sandbox="" srcDoc={preview.sample.html} className="mail-html" />
      <Form method="post">
        <ChoiceFields params={choice} />
        <input type="hidden" name="intent" value="send" />
        <input type="hidden" name="kind" value={preview.mailKind} />
        {preview.ids.map((id) => (
          <input key={id} type="hidden" name="id" value={id} />
        ))}
        <div className="actions">
          <button type="submit">{t("mail.confirmSend", { count: preview.count })}</button>
        </div>
      </Form>
    </section>
  );
}

function Report({ verdicts, readAsWindows1252 }: { verdicts: RowVerdict[]; readAsWindows1252: boolean }) {
  const { t } = useTranslation("organiser");
  const added = verdicts.filter((v) => v.added).length;
  return (
    <div className="notice" role="status">
      {readAsWindows1252 ? <p>{t("invitations.readAsWindows1252")}</p> : null}
      <p>{t("invitations.reportSummary", { added, refused: verdicts.length - added })}</p>
      {verdicts.some((v) => !v.added) ? (
        <TableScroll>
          <table>
            <caption>{t("invitations.refusedRows")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invitations.row")}</th>
                <th scope="col">{t("invitations.email")}</th>
                <th scope="col">{t("invitations.why")}</th>
              </tr>
            </thead>
            <tbody>
              {verdicts.map((v) =>
                v.added ? null : (
                  <tr key={v.row}>
                    <td>{v.row}</td>
                    <td>{v.email}</td>
                    <td>{v.reasons.map((r) => t(`invitations.reasons.${r}`)).join(" ")}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </div>
  );
}

export default function Invitations() {
  const { choice, invitations, unfinishedOnly, search, total, page, pages, languages, mailServer, reminderDays } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("organiser");
  const [form, fields] = useForm({ id: "invite", lastResult: actionData?.kind === "form" ? actionData.result : undefined });
  const when = (at: string) => formatDateTime(at, i18n.language);
  return (
    <>
      <h1>{t("invitations.title")}</h1>
      {actionData?.kind === "form" && actionData.added ? (
        <div className="notice" role="status">
          {t("invitations.added", { name: actionData.added.name })}
        </div>
      ) : null}
      {actionData?.kind === "error" ? (
        <div className="summary" role="alert">
          {actionData.error}
        </div>
      ) : null}
      {actionData?.kind === "report" ? (
        <Report verdicts={actionData.verdicts} readAsWindows1252={actionData.readAsWindows1252} />
      ) : null}
      {actionData?.kind === "preview" ? <Preview preview={actionData} choice={choice} /> : null}
      {actionData?.kind === "queued" ? (
        <div className="notice" role="status">
          {t(mailServer ? "mail.queued" : "mail.queuedNoServer", { count: actionData.count })}
        </div>
      ) : null}
      {mailServer ? null : <p className="muted">{t("mail.noServer")}</p>}
      <Form method="get" role="search" className="search" aria-label={t("invitations.searchTitle")}>
        <ChoiceFields params={choice} />
        {unfinishedOnly ? <input type="hidden" name="show" value="unfinished" /> : null}
        <label htmlFor="invitation-search">{t("invitations.search")}</label>
        <input id="invitation-search" type="search" name="s" defaultValue={search} maxLength={200} />
        <button type="submit" className="secondary">
          {t("invitations.searchSubmit")}
        </button>
        {search ? <Link to={listHref(params, { s: null, page: null })}>{t("invitations.searchClear")}</Link> : null}
      </Form>
      <p>
        {unfinishedOnly ? (
          <Link to={listHref(params, { show: null, page: null })}>{t("invitations.showAll")}</Link>
        ) : (
          <Link to={listHref(params, { show: "unfinished", page: null })}>{t("invitations.showUnfinished")}</Link>
        )}
      </p>
      <TimeZoneNote />
      <TableScroll>
        <table>
          <caption>
            {t(search ? "invitations.countFound" : "invitations.count", {
              count: total,
              formatted: formatNumber(total, i18n.language),
            })}
            {pages > 1
              ? ` ${t("invitations.pageOf", { page: formatNumber(page, i18n.language), pages: formatNumber(pages, i18n.language) })}`
              : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t("mail.choose")}</span>
              </th>
              <th scope="col">{t("invitations.name")}</th>
              <th scope="col">{t("invitations.organisation")}</th>
              <th scope="col">{t("invitations.language")}</th>
              <th scope="col">{t("invitations.status")}</th>
              <th scope="col">{t("invitations.lastActivity")}</th>
              <th scope="col">{t("mail.delivery")}</th>
              <th scope="col">{t("invitations.link")}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>
                  <input type="checkbox" name="id" value={i.id} form="mail" aria-label={t("mail.chooseOne", { name: i.name })} />
                </td>
                <td>
                  <Link to={`/organiser/invitations/${i.id}`} aria-label={t("edit.linkFor", { name: i.name })}>
                    {i.name}
                  </Link>
                  <br />
                  <span className="muted">{i.email}</span>
                </td>
                <td>{i.organisation}</td>
                <td>{languageName(i.language, i18n.language)}</td>
                <td>{t(`invitations.states.${i.state}`)}</td>
                <td>{i.lastActivity ? when(i.lastActivity) : "—"}</td>
                <td>
                  {i.declined_at ? t("mail.declined") : t(`mail.deliveries.${i.delivery ?? "none"}`)}
                  {i.invited_at ? (
                    <>
                      <br />
                      <span className="muted">{t("mail.invitedAt", { when: when(i.invited_at) })}</span>
                    </>
                  ) : null}
                  {i.reminded_at ? (
                    <>
                      <br />
                      <span className="muted">{t("mail.remindedAt", { when: when(i.reminded_at) })}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`link-${i.id}`}>
                    {t("invitations.linkFor", { name: i.name })}
                  </label>
                  <input
                    id={`link-${i.id}`}
                    type="text"
                    readOnly
                    value={i.link}
                    className="link-box"
                    data-copy={t("invitations.copy")}
                    data-copy-label={t("invitations.copyFor", { name: i.name })}
                    data-copied={t("invitations.copied")}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 ? (
        <nav className="pager" aria-label={t("invitations.pages")}>
          {page > 1 ? <Link to={listHref(params, { page: String(page - 1) })}>{t("invitations.previousPage")}</Link> : null}
          {page < pages ? <Link to={listHref(params, { page: String(page + 1) })}>{t("invitations.nextPage")}</Link> : null}
        </nav>
      ) : null}
      <Form method="post" action="/organiser/invitations.csv" reloadDocument>
        <ChoiceFields params={choice} />
        {unfinishedOnly ? <input type="hidden" name="show" value="unfinished" /> : null}
        {search ? <input type="hidden" name="s" value={search} /> : null}
        <button type="submit" className="secondary">
          {t("invitations.exportList")}
        </button>
      </Form>

      <h2>{t("mail.title")}</h2>
      <p id="mail-hint">{t("mail.hint", { days: reminderDays })}</p>
      <Form method="post" id="mail" aria-describedby="mail-hint">
        <ChoiceFields params={choice} />
        <input type="hidden" name="intent" value="preview" />
        <div className="actions">
          <button type="submit" name="kind" value="invitation">
            {t("mail.previewInvitations")}
          </button>
          <button type="submit" name="kind" value="reminder" className="secondary">
            {t("mail.previewReminders")}
          </button>
        </div>
      </Form>

      <h2>{t("invitations.addOne")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <ChoiceFields params={choice} />
        <input type="hidden" name="intent" value="add" />
        <TextField meta={fields.name} label={t("invitations.name")} required />
        <TextField meta={fields.email} label={t("invitations.email")} type="email" required />
        <TextField meta={fields.organisation} label={t("invitations.organisation")} />
        <SelectField
          meta={fields.language}
          label={t("invitations.language")}
          options={languages.map((l) => ({ value: l, label: t(`common:language.names.${l}`, { defaultValue: l }) }))}
        />
        <div className="actions">
          <button type="submit">{t("invitations.add")}</button>
        </div>
      </Form>

      <h2>{t("invitations.upload")}</h2>
      <p id="upload-hint">{t("invitations.uploadHint")}</p>
      <Form method="post" encType="multipart/form-data">
        <ChoiceFields params={choice} />
        <input type="hidden" name="intent" value="upload" />
        <div className="question">
          <label htmlFor="invitation-file">{t("invitations.file")}</label>
          <input id="invitation-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="upload-hint" />
        </div>
        <div className="actions">
          <button type="submit">{t("invitations.uploadSubmit")}</button>
        </div>
      </Form>
    </>
  );
}
