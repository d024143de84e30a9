import type { Kysely } from "kysely";
import type { CompendiumDecision, Database } from "../../db/schema";
import {
  codesOf,
  formatterFor,
  languagesFor,
  listOptions,
  profileOf,
  sourceKey,
  textOf,
  type CompendiumContext,
  type CuratedEntry,
  type CuratedSource,
  type LoadedCompendium,
} from "~/compendium/examples.server";
import { citationLink, directoryLeaveLink, newCitationToken } from "~/compendium/links.server";
import { namesFoundIn } from "~/compendium/names";
import { countryName } from "~/engine/countries";
import { compendiumMailToQueue, composeCitationMail } from "~/mail/compendium-mail.server";
import { mailDomain, type Sender } from "~/mail/invitation-mail.server";
import { createCitationRequest, type EntryEdit, type SourceRef } from "~/models/compendium.server";
import { queueMessages } from "~/models/outbox.server";
import { env } from "~/utils/env.server";
import { contactAddress, isListed } from "~/compendium/directory.server";
import { compendiumContext } from "~/compendium/examples.server";
import type { Permission } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { defaultQuestionnaireId, getQuestionnaire } from "~/questionnaires/registry.server";

export const DECISIONS = ["include", "exclude", "hold"] as const satisfies readonly CompendiumDecision[];
/** An example not yet in any entry is "new" in the queue. */
export const QUEUE_STATUSES = ["new", ...DECISIONS] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 5000;
export const NOTES_MAX = 5000;

export interface QueueFilters {
  sector: number | null;
  country: string | null;
  practice: number | null;
  status: QueueStatus | null;
}

const codeParam = (value: string | null) => (value && /^-?\d{1,4}$/.test(value) ? Number(value) : null);

export function queueFilters(params: URLSearchParams): QueueFilters {
  const status = params.get("status");
  const country = params.get("country");
  return {
    sector: codeParam(params.get("sector")),
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    practice: codeParam(params.get("practice")),
    status: QUEUE_STATUSES.find((s) => s === status) ?? null,
  };
}

const statusOf = (entry: CuratedEntry | undefined): QueueStatus => entry?.decision ?? "new";

/** The curation queue: every example with its respondent's profile and where curation stands, filtered. */
export function curationQueue(ctx: CompendiumContext, loaded: LoadedCompendium, language: string, filters: QueueFilters) {
  const { fields } = ctx;
  const format = formatterFor(ctx, language);
  const rows = loaded.examples
    .filter((e) => {
      const entry = loaded.entryOf.get(sourceKey(e));
      if (filters.status && statusOf(entry) !== filters.status) return false;
      if (filters.sector !== null && !e.sectors.includes(filters.sector)) return false;
      if (filters.country && e.country !== filters.country && textOf(e.respondent, fields.profile.country) !== filters.country)
        return false;
      if (
        filters.practice !== null &&
        !codesOf(e.respondent, fields.practice).includes(filters.practice) &&
        !entry?.practices.includes(filters.practice)
      )
        return false;
      return true;
    })
    .map((e) => {
      const entry = loaded.entryOf.get(sourceKey(e));
      return {
        key: sourceKey(e),
        responseId: e.responseId,
        index: e.index,
        name: e.name,
        country: e.country ? countryName(e.country, language) : "",
        sectors: format.item(e, fields.item.sectors),
        profile: profileOf(ctx, format, e.respondent),
        citation: e.citation,
        entryId: entry?.id ?? null,
        status: statusOf(entry),
        title: entry?.texts[language]?.title ?? null,
      };
    });
  const countries = [
    ...new Set(loaded.examples.flatMap((e) => [e.country, textOf(e.respondent, fields.profile.country)]).filter(Boolean)),
  ] as string[];
  return {
    rows,
    total: loaded.examples.length,
    options: {
      sector: listOptions(ctx, format, fields.sectorList),
      practice: listOptions(ctx, format, fields.practiceList),
      country: countries
        .map((code) => ({ code, label: countryName(code, language) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    },
  };
}

/**
 * Evidence for an entry: for each of its practices, how many respondents said they use it, and the
 * challenge ratings of the respondents who described its examples.
 */
export function evidenceOf(ctx: CompendiumContext, loaded: LoadedCompendium, entry: CuratedEntry, language: string) {
  const format = formatterFor(ctx, language);
  const { fields } = ctx;
  const practices = entry.practices.map((code) => ({
    code,
    label: format.option(fields.practiceList, code),
    respondents: loaded.respondents.filter((r) => codesOf(r, fields.practice).includes(code)).length,
  }));
  const matrices = [...ctx.questions.values()].filter((q) => q.type === "matrix");
  const seen = new Set<string>();
  const challenges = entry.examples
    .filter((e) => !seen.has(e.responseId) && seen.add(e.responseId))
    .map((e) => ({
      responseId: e.responseId,
      ratings: matrices
        .map((q) => ({ question: format.label(q.id), lines: format.lines(e.respondent, q.id) }))
        .filter((m) => m.lines.length > 0),
    }));
  return { respondents: loaded.respondents.length, practices, challenges };
}

/** One example in words for the entry page: every item question with its answer, and the respondent's profile. */
export function exampleDetail(ctx: CompendiumContext, example: CuratedSource, language: string) {
  const format = formatterFor(ctx, language);
  return {
    key: sourceKey(example),
    responseId: example.responseId,
    index: example.index,
    name: example.name,
    citation: example.citation,
    request: example.request
      ? { requestedAt: example.request.requested_at, answer: example.request.answer, answeredAt: example.request.answered_at }
      : null,
    profile: profileOf(ctx, format, example.respondent),
    answers: [...ctx.items.keys()]
      .map((id) => ({ id, label: format.itemLabel(id), text: format.item(example, id) }))
      .filter((a) => a.text !== ""),
  };
}

export type EntryFormOutcome =
  | { kind: "invalid"; messageKey: string; vars?: Record<string, unknown> }
  | { kind: "names"; names: string[] }
  | { kind: "saved"; edit: EntryEdit };

/** Reads and checks the entry form: decision, practices, notes, and a title and summary per language. */
export function readEntryForm(ctx: CompendiumContext, entry: CuratedEntry, form: FormData): EntryFormOutcome {
  const decision = DECISIONS.find((d) => d === form.get("decision"));
  if (!decision) return { kind: "invalid", messageKey: "entry.decisionInvalid" };
  const allowed = new Set(
    (ctx.questionnaire.lists[ctx.fields.practiceList] ?? []).filter((o) => !o.exclusive).map((o) => o.code),
  );
  const practices = form.getAll("practice").map(Number);
  if (practices.some((p) => !allowed.has(p))) return { kind: "invalid", messageKey: "entry.practiceInvalid" };
  const notes = String(form.get("notes") ?? "").trim();
  if (notes.length > NOTES_MAX) return { kind: "invalid", messageKey: "entry.tooLong", vars: { max: NOTES_MAX } };
  const texts: EntryEdit["texts"] = {};
  for (const language of ctx.questionnaire.languages) {
    const title = String(form.get(`title.${language}`) ?? "").trim();
    const summary = String(form.get(`summary.${language}`) ?? "").trim();
    if (title.length > TITLE_MAX || summary.length > SUMMARY_MAX)
      return { kind: "invalid", messageKey: "entry.tooLong", vars: { max: title.length > TITLE_MAX ? TITLE_MAX : SUMMARY_MAX } };
    if (decision === "include" && (!title || !summary)) return { kind: "invalid", messageKey: "entry.textsRequired" };
    if (title || summary) texts[language] = { title, summary };
  }
  if (decision === "include" && entry.citation === "refused") return { kind: "invalid", messageKey: "entry.citeRefused" };
  // "Without names": the wording must not give away the partnership or its organisations, in any language.
  if (entry.examples.some((e) => e.citation === "anonymous")) {
    const found = namesFoundIn(
      Object.values(texts)
        .flatMap((t) => [t.title, t.summary])
        .join("\n"),
      entry.names,
    );
    if (found.length) return { kind: "names", names: found };
  }
  return { kind: "saved", edit: { decision, practices: [...new Set(practices)].sort((a, b) => a - b), notes, texts } };
}

/** The examples a form names (`source` = "<response id>:<index>"), all of them known examples. */
export function sourcesFrom(loaded: LoadedCompendium, values: FormDataEntryValue[]): SourceRef[] | null {
  const known = new Map(loaded.examples.map((e) => [sourceKey(e), e]));
  const refs = values.map((v) => known.get(String(v)));
  if (!refs.length || refs.some((r) => !r)) return null;
  return [...new Set(refs)].map((e) => ({ responseId: e!.responseId, index: e!.index }));
}

export type CitationRequestOutcome = "queued" | "notAskFirst" | "noAddress";

/**
 * Asks the respondent of an "ask me first" example for permission: a request with a fresh token, and a
 * message in every language of the questionnaire (theirs first) queued in the outbox.
 */
export async function requestCitation(
  db: Kysely<Database>,
  ctx: CompendiumContext,
  example: CuratedSource,
  sender: Sender & { id: string },
  origin: string,
): Promise<CitationRequestOutcome> {
  if (example.citation !== "askFirst" && example.citation !== "requested") return "notAskFirst";
  const to = contactAddress(ctx, example.respondent);
  if (!to) return "noAddress";
  const { token, hash } = newCitationToken();
  const listed = isListed(ctx, example.respondent);
  await db.transaction().execute(async (trx) => {
    await createCitationRequest(trx, { ...example, tokenHash: hash, requestedBy: sender.id });
    const recipient = {
      responseId: example.responseId,
      to,
      languages: languagesFor(ctx, example.respondent),
      questionnaireId: ctx.questionnaire.id,
    };
    const composed = composeCitationMail(
      {
        ...recipient,
        example: example.name,
        link: (language) => citationLink(origin, token, language),
        leaveLink: listed ? (language) => directoryLeaveLink(origin, example.responseId, language) : null,
      },
      sender,
    );
    const message = compendiumMailToQueue("citation", recipient, composed, sender);
    await queueMessages(trx, [message], mailDomain(env.MAIL_FROM));
  });
  return "queued";
}

/**
 * The first lines of every Compendium page: the signed-in user with the permission, their language,
 * and the questionnaire's Compendium setting (404 when the questionnaire feeds none).
 */
export async function requireCompendium(request: Request, permission: Permission, questionnaireId: string | null) {
  const user = await requireUser(request, permission);
  const language = await languageOf(request);
  const t = fixedT(language, "compendium");
  const questionnaire = getQuestionnaire(questionnaireId || defaultQuestionnaireId);
  const ctx = questionnaire && compendiumContext(questionnaire);
  if (!ctx) throw new Response(t("unavailable"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const withQuestionnaire = (path: string) =>
    ctx.questionnaire.id === defaultQuestionnaireId ? path : `${path}${path.includes("?") ? "&" : "?"}q=${ctx.questionnaire.id}`;
  return { user, language, t, ctx, withQuestionnaire };
}
