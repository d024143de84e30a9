import { json } from "@remix-run/node";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { DEFAULT_FORM_LIMITS, type FormLimits } from "~/engine/form-limits";

export interface ReadFormOptions {
  /** Bounds on what the form may hold; organisers' forms by default, respondents' derived from the questionnaire. */
  limits?: FormLimits;
  /** The form takes file uploads; elsewhere a file is refused. */
  files?: boolean;
}

/** Why a form is refused before anything parses it: too big (413) or not a form the app could have sent (400). */
export type FormRefusal = "tooLarge" | "unreadable";

/**
 * The submitted form, bounded before anything parses it, or a 400/413 in the sender's language:
 * never a 500, and never seconds of work for one request. Conform's parser is quadratic in the
 * repeats of one name and recursive in the depth of a name, so those are checked here in one pass.
 */
export async function readForm(
  request: Request,
  { limits = DEFAULT_FORM_LIMITS, files = false }: ReadFormOptions = {},
): Promise<FormData> {
  let form: FormData;
  try {
    // The HTTP server has already limited the body's size, so this parse is bounded and linear.
    form = await request.formData();
  } catch {
    throw await refusal(request, "unreadable");
  }
  const refused = checkForm(form, limits, files);
  if (refused) throw await refusal(request, refused);
  return form;
}

/** Checks a parsed form against its limits in one pass; null when it may be read further. */
export function checkForm(form: FormData, limits: FormLimits, files = false): FormRefusal | null {
  let entries = 0;
  const repeats = new Map<string, number>();
  for (const [name, value] of form) {
    if (++entries > limits.entries) return "tooLarge";
    const seen = repeats.get(name);
    if (seen === undefined && !isReadableName(name, limits)) return "unreadable";
    if ((seen ?? 0) + 1 > limits.repeats) return "tooLarge";
    repeats.set(name, (seen ?? 0) + 1);
    if (typeof value === "string") {
      if (value.length > limits.valueLength) return "tooLarge";
    } else if (!files) {
      return "unreadable";
    }
  }
  return reservedFieldsReadable(form, limits) ? null : "unreadable";
}

// Conform's path syntax: names joined by single dots, and [index] segments.
const SEGMENT = /([^.[\]]+)|\[(\d*)\]/g;
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/** A field name Conform can read without throwing, recursing deeply or making a huge sparse array. */
export function isReadableName(name: string, limits: FormLimits): boolean {
  if (name.length === 0 || name.length > limits.nameLength) return false;
  let segments = 0;
  let end = 0;
  for (const match of name.matchAll(SEGMENT)) {
    if (match.index !== end && !(match.index === end + 1 && name[end] === ".")) return false;
    end = match.index + match[0].length;
    if (++segments > limits.depth) return false;
    const [, key, index] = match;
    if (key !== undefined && FORBIDDEN_SEGMENTS.has(key)) return false;
    if (index !== undefined && index !== "" && Number(index) > limits.index) return false;
  }
  return end === name.length;
}

/**
 * Conform reserves `__intent__` and `__state__`. The app's forms send intents only to add and remove
 * items of a repeatable group, and never a state; anything else would make Conform throw later.
 */
function reservedFieldsReadable(form: FormData, limits: FormLimits): boolean {
  const state = form.getAll("__state__");
  if (state.length > 1 || (state.length === 1 && !isState(state[0]!))) return false;
  const intents = form.getAll("__intent__");
  return intents.length === 0 || (intents.length === 1 && isIntent(intents[0]!, limits));
}

function isState(value: FormDataEntryValue): boolean {
  if (typeof value !== "string" || value.length > 10_000) return false;
  try {
    const state: unknown = JSON.parse(value);
    return typeof state === "object" && state !== null && !Array.isArray(state);
  } catch {
    return false;
  }
}

function isIntent(value: FormDataEntryValue, limits: FormLimits): boolean {
  if (typeof value !== "string" || value.length > 2000) return false;
  try {
    const intent = JSON.parse(value) as { type?: unknown; payload?: { name?: unknown; index?: unknown } };
    const name = intent?.payload?.name;
    if (typeof name !== "string" || !isReadableName(name, limits)) return false;
    if (intent.type === "insert") return true;
    const index = intent.payload!.index;
    return intent.type === "remove" && Number.isInteger(index) && (index as number) >= 0 && (index as number) <= limits.index;
  } catch {
    return false;
  }
}

const REFUSAL: Record<FormRefusal, { status: number; message: string }> = {
  tooLarge: { status: 413, message: "errors.formTooLarge" },
  unreadable: { status: 400, message: "errors.formUnreadable" },
};

async function refusal(request: Request, kind: FormRefusal) {
  const t = fixedT(await languageOf(request));
  return json(t(REFUSAL[kind].message), { status: REFUSAL[kind].status });
}
