import { getFormProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { ConsultationDetailsFields } from "~/components/organiser/consultation-fields";
import { CopyLink } from "~/components/organiser/copy-link";
import { SelectField } from "~/components/organiser/field";
import { Errors } from "~/components/questions/frame";
import { Messages } from "~/components/messages";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import { consultationHasResponses, consultationState, findConsultation } from "~/models/consultation.server";
import { consultationFormOptions, editConsultationFrom, setClosed, versionsOf } from "~/organiser/consultations.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { publicOrigin } from "~/utils/public-origin.server";
import { readForm } from "~/utils/read-form.server";
import type { RouteHandle } from "~/utils/route-handle";

export const meta = organiserMeta;
export const handle: RouteHandle = { organiserScript: true };

async function consultationOr404(request: Request, id: string | undefined) {
  const consultation = id ? await findConsultation(db, id) : undefined;
  if (!consultation) throw new Response(fixedT(await languageOf(request))("errors.notFound"), { status: 404 });
  return consultation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "manageConsultation");
  const consultation = await consultationOr404(request, params.id);
  const language = await languageOf(request);
  const url = new URL(request.url);
  const options = consultationFormOptions(language, supportedLanguages);
  return json({
    consultation,
    state: consultationState(consultation),
    link: `${publicOrigin(request)}/q/${consultation.id}`,
    versionFixed: await consultationHasResponses(db, consultation.id),
    versions: versionsOf(consultation.questionnaireId).map((version) => ({
      value: String(version),
      label: options.questionnaires.find((q) => q.value === `${consultation.questionnaireId}:${version}`)!.label,
    })),
    options,
    // "Close now" asks first: a link to this page that shows the confirmation, so it works without script.
    confirmClose: url.searchParams.get("confirm") === "close",
    notice: url.searchParams.get("created")
      ? "consultations.created"
      : url.searchParams.get("saved")
        ? "consultations.saved"
        : null,
  });
}

/** Saves the details, or closes now (once confirmed), or reopens. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageConsultation");
  const consultation = await consultationOr404(request, params.id);
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const here = `/organiser/consultations/${consultation.id}`;
  const intent = form.get("intent");
  if (intent === "close" || intent === "reopen") {
    if (intent === "close" && form.get("confirm") !== "yes")
      return json({ result: null, error: t("consultations.closeUnconfirmed") }, { status: 400 });
    await setClosed(db, user, consultation, intent === "close");
    return redirect(`${here}?saved=1`);
  }
  const outcome = await editConsultationFrom(db, user, consultation, form, t, supportedLanguages);
  switch (outcome.kind) {
    case "invalid":
      return json({ result: outcome.result, error: null }, { status: 400 });
    case "versionFixed":
      return json({ result: outcome.result, error: null }, { status: 409 });
    case "saved":
      return redirect(`${here}?saved=1`);
  }
}

export default function ConsultationPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  const { consultation } = data;
  const [form, fields] = useForm({
    id: "edit-consultation",
    lastResult: actionData?.result ?? undefined,
    defaultValue: {
      name: consultation.name,
      region: consultation.region ?? "",
      languages: consultation.languages ?? data.options.languages.map((l) => l.value),
      opensOn: consultation.opensOn ?? "",
      closesOn: consultation.closesOn ?? "",
      version: String(consultation.questionnaireVersion),
    },
  });
  const here = `/organiser/consultations/${consultation.id}`;
  return (
    <>
      <h1>{t("consultations.editTitle", { name: consultation.name })}</h1>
      <p>
        <Link to="/organiser/consultations">{t("consultations.back")}</Link>
      </p>
      <Messages error={actionData?.error} notice={data.notice ? t(data.notice) : null} />
      <dl className="facts">
        <div>
          <dt>{t("consultations.id")}</dt>
          <dd>{consultation.id}</dd>
        </div>
        <div>
          <dt>{t("consultations.state")}</dt>
          <dd>{t(`consultations.states.${data.state}`)}</dd>
        </div>
      </dl>
      <p>
        <CopyLink
          id="open-link"
          link={data.link}
          label={t("consultations.link")}
          copyLabel={t("consultations.copyLinkOf", { name: consultation.name })}
        />
      </p>

      <h2 id="edit-heading">{t("consultations.detailsTitle")}</h2>
      <p>{t("consultation.intro")}</p>
      <Form method="post" {...getFormProps(form)} aria-labelledby="edit-heading">
        {data.versionFixed ? (
          <>
            <p>
              {t("consultations.versionFixedNote", {
                version: data.versions.find((v) => v.value === String(consultation.questionnaireVersion))?.label,
              })}
            </p>
            {/* A form sent from a page opened before the first response asked to change it. */}
            <Errors id={fields.version.errorId} errors={fields.version.errors} />
          </>
        ) : (
          <SelectField meta={fields.version} label={t("consultations.questionnaire")} options={data.versions} />
        )}
        <ConsultationDetailsFields fields={fields} regions={data.options.regions} languages={data.options.languages} />
        <div className="actions">
          <button type="submit">{t("consultations.save")}</button>
        </div>
      </Form>

      <h2>{t("consultations.closeTitle")}</h2>
      {consultation.closedAt ? (
        <>
          <p>{t("consultations.closedNote")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="reopen" />
            <button type="submit" className="secondary">
              {t("consultations.reopen")}
            </button>
          </Form>
        </>
      ) : data.confirmClose ? (
        <Form method="post" className="summary" aria-labelledby="confirm-close">
          <p id="confirm-close">{t("consultations.closeConfirm", { name: consultation.name })}</p>
          <input type="hidden" name="intent" value="close" />
          <input type="hidden" name="confirm" value="yes" />
          <div className="actions">
            <button type="submit">{t("consultations.closeYes")}</button> <Link to={here}>{t("consultations.cancel")}</Link>
          </div>
        </Form>
      ) : (
        <>
          <p>{t("consultations.closeHint")}</p>
          <p>
            <Link to={`${here}?confirm=close`} className="button secondary">
              {t("consultations.closeNow")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}
