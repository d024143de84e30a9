import { object, string, type infer as Infer } from "zod";
import type { fixedT } from "~/i18n/i18next.server";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { listAudit, type AuditFilter } from "~/models/audit.server";

type T = ReturnType<typeof fixedT>;

const day = string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  )
  .optional();

const filterSchema = object({
  who: string().max(320).optional(),
  action: string().max(80).optional(),
  from: day,
  to: day,
});

/** The log's filters from query parameters or a form (empty fields mean "any"), or the message for bad ones. */
export function readAuditFilter(
  params: URLSearchParams,
  t: T,
): { filter: AuditFilter; values: Infer<typeof filterSchema>; error: string | null } {
  const raw = Object.fromEntries(["who", "action", "from", "to"].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const parsed = filterSchema.safeParse(raw);
  if (!parsed.success) return { filter: {}, values: raw, error: t("audit.filterInvalid") };
  const { who, action, from, to } = parsed.data;
  if (from && to && from > to) return { filter: {}, values: raw, error: t("audit.filterInvalid") };
  return { filter: { actorEmail: who, action, from, to }, values: parsed.data, error: null };
}

/** An action's name as a key segment (`theme.merge` -> `theme_merge`). */
export const actionKey = (action: string) => action.replace(/\./g, "_");

/** A detail's value as words: lists joined, nested records flattened by the caller. */
function asText(value: unknown): string {
  if (Array.isArray(value)) return value.map(asText).join(", ");
  if (value === null || value === undefined) return "—";
  return String(value);
}

/** Nested details flattened to `key.sub` pairs, so that no JSON reaches the page. */
function flatten(details: Record<string, unknown>, prefix = ""): Array<[string, string]> {
  return Object.entries(details).flatMap(([key, value]) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? flatten(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, asText(value)] as [string, string]],
  );
}

/**
 * An entry's details as a sentence in the reader's language: the action's own sentence
 * (`audit.sentences.<action>`, placeholders named after the details), else a generic one listing them.
 */
export function auditSentence(t: T, action: string, details: string | null): string {
  if (!details) return "";
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(details) as Record<string, unknown>;
  } catch {
    return details;
  }
  const values = Object.fromEntries(flatten(parsed));
  for (const role of ["role", "from", "to"])
    if (values[role]) values[role] = t(`roles.${values[role]}`, { defaultValue: values[role] });
  // The fields an edit changed, by their names in the reader's language.
  if (Array.isArray(parsed.changed))
    values.changed = parsed.changed
      .map((field) => t(`audit.fields.${String(field)}`, { defaultValue: String(field) }))
      .join(", ");
  const own = t(`audit.sentences.${actionKey(action)}`, { ...values, defaultValue: "" });
  // A sentence whose placeholder the details lack would show "{{…}}": the generic one says it all.
  if (own && !own.includes("{{")) return own;
  const facts = flatten(parsed)
    .map(([key, value]) => `${key}: ${value}`)
    .join("; ");
  return t("audit.sentences.generic", { facts });
}

/** Entries as the organiser reads them, the action and its details in their language (the page and its CSV alike). */
export async function readableEntries(db: Kysely<Database>, t: T, page: { limit: number; before?: number; filter: AuditFilter }) {
  return (await listAudit(db, page)).map((e) => ({
    id: e.id,
    at: e.at,
    who: e.actor_email,
    what: t(`audit.actions.${actionKey(e.action)}`, { defaultValue: e.action }),
    target: e.target_type
      ? `${t(`audit.targets.${e.target_type}`, { defaultValue: e.target_type })} ${e.target_id ?? ""}`.trim()
      : "",
    sentence: auditSentence(t, e.action, e.details),
  }));
}
