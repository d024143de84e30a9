import { getFormProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { ConsultationDetailsFields } from "~/components/organiser/consultation-fields";
import { CopyLink } from "~/components/organiser/copy-link";
import { SelectField, TextField } from "~/components/organiser/field";
import { TableScroll } from "~/components/table-scroll";
import { fixedT, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import {
  CONSULTATION_ID_MAX,
  consultationFormOptions,
  consultationSummaries,
  createConsultationFrom,
} from "~/organiser/consultations.server";
import { db } from "~/utils/db.server";
import { organiserMeta } from "~/utils/organiser-meta";
import { publicOrigin } from "~/utils/public-origin.server";
import { readForm } from "~/utils/read-form.server";
import type { RouteHandle } from "~/utils/route-handle";

export const meta = organiserMeta;
// The open links get a copy button.
export const handle: RouteHandle = { organiserScript: true };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageConsultation");
  const language = await languageOf(request);
  return json({
    consultations: await consultationSummaries(db, language, publicOrigin(request)),
    options: consultationFormOptions(language, supportedLanguages),
  });
}

/** Creates a consultation; its page opens, with its open link. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageConsultation");
  const t = fixedT(await languageOf(request), "organiser");
  const outcome = await createConsultationFrom(db, user, await readForm(request), t, supportedLanguages);
  switch (outcome.kind) {
    case "invalid":
      return json({ result: outcome.result }, { status: 400 });
    case "taken":
      return json({ result: outcome.result }, { status: 409 });
    case "created":
      return redirect(`/organiser/consultations/${outcome.id}?created=1`);
  }
}

type NewConsultationFields = Record<"id" | "questionnaire" | "name" | "region" | "opensOn" | "closesOn", string> & {
  languages: string[];
};

export default function Consultations() {
  const { consultations, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("organiser");
  const [form, fields] = useForm<NewConsultationFields>({
    id: "new-consultation",
    lastResult: actionData?.result,
    defaultValue: { questionnaire: options.questionnaires.at(-1)?.value, languages: options.languages.map((l) => l.value) },
  });
  return (
    <>
      <h1>{t("consultations.title")}</h1>
      <p>{t("consultations.intro")}</p>
      <TableScroll>
        <table>
          <caption className="visually-hidden">{t("consultations.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consultations.name")}</th>
              <th scope="col">{t("consultations.questionnaire")}</th>
              <th scope="col">{t("consultations.region")}</th>
              <th scope="col">{t("consultations.languages")}</th>
              <th scope="col">{t("consultations.daysHeading")}</th>
              <th scope="col">{t("consultations.state")}</th>
              <th scope="col">{t("consultations.link")}</th>
            </tr>
          </thead>
          <tbody>
            {consultations.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/organiser/consultations/${c.id}`}>{c.name}</Link>
                  {c.name === c.id ? null : (
                    <>
                      <br />
                      <span className="muted">{c.id}</span>
                    </>
                  )}
                </td>
                <td>{c.questionnaire}</td>
                <td>{c.region}</td>
                <td>{c.languages}</td>
                <td>{c.days}</td>
                <td>{t(`consultations.states.${c.state}`)}</td>
                <td>
                  <CopyLink
                    id={`link-${c.id}`}
                    link={c.link}
                    label={t("consultations.linkOf", { name: c.name })}
                    copyLabel={t("consultations.copyLinkOf", { name: c.name })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2 id="new-consultation-heading">{t("consultations.newTitle")}</h2>
      <Form method="post" {...getFormProps(form)} aria-labelledby="new-consultation-heading">
        <TextField
          meta={fields.id}
          label={t("consultations.id")}
          hint={t("consultations.idHint", { max: CONSULTATION_ID_MAX })}
          required
        />
        <SelectField meta={fields.questionnaire} label={t("consultations.questionnaire")} options={options.questionnaires} />
        <ConsultationDetailsFields fields={fields} regions={options.regions} languages={options.languages} />
        <div className="actions">
          <button type="submit">{t("consultations.create")}</button>
        </div>
      </Form>
    </>
  );
}
