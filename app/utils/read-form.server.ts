import { json } from "@remix-run/node";
import { fixedT, languageOf } from "~/i18n/i18next.server";

/**
 * The submitted form, or a 400 in the sender's language when the body is not a form at all
 * (wrong content type, broken multipart): never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw await unreadable(request);
  }
  // Conform's list intents travel as JSON; one that is not would make Conform throw later.
  const intent = form.get("__intent__");
  if (intent !== null && !isIntent(intent)) throw await unreadable(request);
  return form;
}

/** The only intents the app's forms send: adding and removing items of a repeatable group. */
function isIntent(value: FormDataEntryValue): boolean {
  if (typeof value !== "string" || value.length > 2000) return false;
  try {
    const intent = JSON.parse(value) as { type?: unknown; payload?: { name?: unknown; index?: unknown } };
    if (typeof intent?.payload?.name !== "string") return false;
    if (intent.type === "insert") return true;
    return intent.type === "remove" && Number.isInteger(intent.payload.index) && (intent.payload.index as number) >= 0;
  } catch {
    return false;
  }
}

async function unreadable(request: Request) {
  const t = fixedT(await languageOf(request));
  return json(t("errors.formUnreadable"), { status: 400 });
}
