import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { fallbackLanguage } from "~/i18n/config";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { readResources, localesDir } from "~/i18n/resources.server";
import { exportXliffFromFolder } from "~/i18n/xliff-files.server";
import { logAudit } from "~/models/audit.server";
import { getQuestionnaire, questionnaireIds } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

/** The file is made by a POST from the translations page; a GET leads there. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageUsers");
  return redirect("/organiser/translations");
}

/**
 * One language's texts as XLIFF 1.2 for a CAT tool, from the locales folder as it is now.
 * A POST: it updates the language's source record (what the next export marks for review).
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "manageUsers");
  const t = fixedT(await languageOf(request), "organiser");
  const form = await readForm(request);
  const language = form.get("language");
  const plain = (status: number, message: string) =>
    new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { resources, broken } = readResources(localesDir);
  if (broken.length) return plain(409, t("translations.xliff.unreadable"));
  if (typeof language !== "string" || language === fallbackLanguage || !resources[language]) {
    return plain(400, t("translations.xliff.unknownLanguage"));
  }
  const questionnaires = questionnaireIds().flatMap((id) => getQuestionnaire(id) ?? []);
  const result = await exportXliffFromFolder(localesDir, language, { questionnaires });
  await logAudit(db, { actor: user, action: "translations.xliff", details: { language } });
  return new Response(result.xml, {
    headers: {
      "Content-Type": "application/xliff+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="consulta-${language}.xlf"`,
      "Cache-Control": "no-store",
    },
  });
}
