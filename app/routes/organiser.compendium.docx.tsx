import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { compendiumDocx } from "~/compendium/docx.server";
import { compendiumDraft, draftLanguage } from "~/compendium/draft.server";
import { loadCompendium } from "~/compendium/examples.server";
import { logAudit } from "~/models/audit.server";
import { requireCompendium } from "~/organiser/compendium.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

/** The file is made by a POST from the draft page; a GET leads there. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { withQuestionnaire } = await requireCompendium(request, "curateCompendium", new URL(request.url).searchParams.get("q"));
  return redirect(withQuestionnaire("/organiser/compendium/draft"));
}

/** The Word file: a POST, so that each download is in the audit log. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const { user, t, ctx } = await requireCompendium(request, "curateCompendium", String(form.get("q") ?? ""));
  const language = draftLanguage(ctx, form.get("lang"), t);
  const draft = compendiumDraft(ctx, await loadCompendium(db, ctx), language);
  const file = await compendiumDocx(draft);
  await logAudit(db, {
    actor: user,
    action: "compendium.export",
    targetType: "questionnaire",
    targetId: ctx.questionnaire.id,
    details: { format: "docx", language, entries: draft.entries.length },
  });
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="compendium-${ctx.questionnaire.id}-${language}.docx"`,
      "Cache-Control": "no-store",
    },
  });
}
