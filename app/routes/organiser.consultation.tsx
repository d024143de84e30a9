import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { logAudit } from "~/models/audit.server";
import { findConsultation, parseDay, updateConsultation } from "~/models/consultation.server";
import { defaultQuestionnaireId } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

/**
 * The page of one questionnaire's dates before consultations became records: its address (`?q=<id>`)
 * now opens that questionnaire's first consultation, whose id is the questionnaire's.
 */
async function consultationOf(request: Request, value: FormDataEntryValue | string | null) {
  const consultation = await findConsultation(db, typeof value === "string" && value ? value : defaultQuestionnaireId);
  if (!consultation)
    throw new Response(fixedT(await languageOf(request), "organiser")("export.unknownQuestionnaire"), { status: 404 });
  return consultation;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageConsultation");
  const consultation = await consultationOf(request, new URL(request.url).searchParams.get("q"));
  return redirect(`/organiser/consultations/${consultation.id}`);
}

/** Sets the opening and closing days, as the old form did (scripts and bookmarks may still post here). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageConsultation");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const consultation = await consultationOf(request, form.get("q"));
  const day = (name: string) => {
    const value = String(form.get(name) ?? "").trim();
    return value ? (parseDay(value) ?? undefined) : null;
  };
  const opensOn = day("opensOn");
  const closesOn = day("closesOn");
  if (opensOn === undefined || closesOn === undefined)
    return json({ error: t("consultation.dateInvalid"), done: null }, { status: 400 });
  if (opensOn && closesOn && closesOn < opensOn)
    return json({ error: t("consultation.closesBeforeOpens"), done: null }, { status: 400 });
  await updateConsultation(db, consultation.id, { opensOn, closesOn }, user.id);
  await logAudit(db, {
    actor: user,
    action: "consultation.dates",
    targetType: "consultation",
    targetId: consultation.id,
    details: { opensOn, closesOn },
  });
  return json({ error: null, done: t("consultation.saved") });
}
