import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Messages } from "~/components/messages";
import { requireUser } from "~/auth/session.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { eraseRespondent } from "~/models/erasure.server";
import {
  findByInvitationEmail,
  findByResumeCode,
  previewErasure,
  readTarget,
  type ErasurePreview,
} from "~/organiser/erasure.server";
import { requireConsultationChoice } from "~/organiser/current-consultation.server";
import { ChoiceFields } from "~/components/organiser/choice-fields";
import { db } from "~/utils/db.server";
import { clearErasedCopies } from "~/utils/erased-copies.server";
import { erasedCopiesInAppControl } from "../../db/maintenance";
import { readForm } from "~/utils/read-form.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { formatDateTime } from "~/utils/format-date";

export const meta = organiserMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "eraseData");
  return json({ choice: (await requireConsultationChoice(db, request, { allowAll: false })).params });
}

interface Reply {
  error: string | null;
  done: string | null;
  /** The first step's finding, in the consultation it was found in. */
  preview: (ErasurePreview & { choice: Record<string, string> }) | null;
}
const reply = (values: Partial<Reply>, status = 200) =>
  json<Reply>({ error: null, done: null, preview: null, ...values }, { status });

/**
 * Erases one respondent everywhere (answers, personal data, coding), in two steps: find them by
 * the resume code they quote or the email they were invited at and show what will go; then, on
 * confirmation, erase it. Written to the audit log without personal data.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "eraseData");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const { scope, params } = await requireConsultationChoice(db, request, { allowAll: false, fields: form });

  if (form.get("intent") === "erase") {
    const target = readTarget(form);
    if (!target || !(await previewErasure(db, scope, target))) return reply({ error: t("erasure.gone") }, 404);
    const erased = await eraseRespondent(db, target);
    await logAudit(db, { actor: user, action: "erasure", targetType: target.by, targetId: target.id, details: erased });
    // Deleted rows are zeroed in the file; their older copies in the write-ahead log go now, or as soon as readers let them.
    if (!erasedCopiesInAppControl(db)) return reply({ done: t("erasure.doneOnServer") });
    return reply({ done: t((await clearErasedCopies(db)) ? "erasure.done" : "erasure.doneLogPending") });
  }

  const byCode = form.get("by") === "code";
  const target = byCode
    ? await findByResumeCode(db, scope, String(form.get("code") ?? ""))
    : await findByInvitationEmail(db, scope, String(form.get("email") ?? ""));
  const preview = target && (await previewErasure(db, scope, target));
  if (!preview) return reply({ error: t(byCode ? "erasure.codeUnknown" : "erasure.emailUnknown") }, 404);
  return reply({ preview: { ...preview, choice: params } });
}

export default function Erasure() {
  const { choice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  return (
    <>
      <h1>{t("erasure.title")}</h1>
      {actionData?.preview ? (
        <Confirmation preview={actionData.preview} />
      ) : (
        <>
          <p>{t("erasure.intro")}</p>
          <Messages error={actionData?.error} notice={actionData?.done} />
          <FindForm
            choice={choice}
            by="code"
            heading={t("erasure.byCode")}
            label={t("erasure.code")}
            name="code"
            maxLength={40}
          />
          <FindForm
            choice={choice}
            by="invitation"
            heading={t("erasure.byInvitation")}
            label={t("erasure.email")}
            name="email"
            type="email"
            maxLength={254}
          />
        </>
      )}
    </>
  );
}

/** The first step: one way to find the respondent. */
function FindForm(props: {
  choice: Record<string, string>;
  by: string;
  heading: string;
  label: string;
  name: string;
  type?: string;
  maxLength: number;
}) {
  const { t } = useTranslation("organiser");
  const id = `erase-${props.name}`;
  return (
    <>
      <h2>{props.heading}</h2>
      <Form method="post">
        <ChoiceFields params={props.choice} />
        <input type="hidden" name="by" value={props.by} />
        <div className="question">
          <label htmlFor={id}>{props.label}</label>
          <input id={id} name={props.name} type={props.type ?? "text"} required maxLength={props.maxLength} autoComplete="off" />
        </div>
        <div className="actions">
          <button type="submit">{t("erasure.find")}</button>
        </div>
      </Form>
    </>
  );
}

/** The first step's result: everything that will be deleted, and the one button that deletes it. */
function Confirmation({ preview }: { preview: NonNullable<Reply["preview"]> }) {
  const { t, i18n } = useTranslation("organiser");
  const when = (at: string) => formatDateTime(at, i18n.language);
  const { invitation } = preview;
  return (
    <section aria-labelledby="erasure-preview">
      <h2 id="erasure-preview">{t("erasure.previewTitle")}</h2>
      <p>{t("erasure.previewIntro")}</p>
      <dl className="facts">
        {preview.responses.map((r, i) => (
          <div key={i}>
            <dt>{t("erasure.response")}</dt>
            <dd>
              {[
                t("erasure.responseDates", {
                  started: when(r.startedAt),
                  saved: when(r.lastSavedAt),
                }),
                r.submittedAt ? t("erasure.submittedOn", { date: when(r.submittedAt) }) : t("erasure.notSubmitted"),
                t("erasure.answers", { count: r.answered }),
              ].join(" ")}
            </dd>
          </div>
        ))}
        {preview.responses.length === 0 ? (
          <div>
            <dt>{t("erasure.response")}</dt>
            <dd>{t("erasure.noResponse")}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("erasure.invitation")}</dt>
          <dd>{invitation ? t("erasure.invitationOf", invitation) : t("erasure.noInvitation")}</dd>
        </div>
        <div>
          <dt>{t("erasure.coding")}</dt>
          <dd>
            {preview.codings.length === 0 ? (
              t("erasure.noCoding")
            ) : (
              <ul>
                {preview.codings.map((c) => (
                  <li key={c.coder}>{t("erasure.codedBy", { coder: c.coder, count: c.count })}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p>{t("erasure.irreversible")}</p>
      <Form method="post" className="actions">
        <ChoiceFields params={preview.choice} />
        <input type="hidden" name="intent" value="erase" />
        <input type="hidden" name="by" value={preview.target.by} />
        <input type="hidden" name="id" value={preview.target.id} />
        <button type="submit">{t("erasure.confirm")}</button>
        <Link to={`/organiser/erasure?${new URLSearchParams(preview.choice)}`}>{t("erasure.cancel")}</Link>
      </Form>
    </section>
  );
}
