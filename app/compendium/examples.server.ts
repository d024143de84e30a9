import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { AnswerValue } from "~/engine/conditions";
import { datasetModel } from "~/engine/dataset-model";
import type { ItemQuestion, Question, Questionnaire } from "~/engine/definition";
import { formatAnswer, type FormatContext } from "~/engine/format-answer";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";
import {
  listCitationRequests,
  listEntries,
  submittedAnswers,
  type CitationRequestRow,
  type EntryRecord,
} from "~/models/compendium.server";
import { loadAnswers } from "~/models/response.server";
import { compendiumFieldsOf, type CompendiumFields } from "./fields";
import { namesOf } from "./names";

/**
 * How an example may be cited, from its respondent's answer and, for "ask me first", the request's answer:
 * askFirst (not asked yet), requested (no answer yet), granted, refused; "refused" also stands for no
 * usable answer, so an example is never cited by mistake.
 */
export type SourceCitation = "named" | "anonymous" | "askFirst" | "requested" | "granted" | "refused";

/** How a whole entry may be cited: the strictest of its examples. Only named and anonymous entries reach the draft. */
export type EntryCitation = "named" | "anonymous" | "pending" | "refused";

export interface Respondent {
  responseId: string;
  language: string;
  submittedAt: string | null;
  /** Stored answers by question id (main questions only). */
  answers: Map<string, { value: AnswerValue; otherText: string | null }>;
  invitee: { name: string; email: string; organisation: string } | null;
}

export interface Example {
  responseId: string;
  /** The item's place in its group, from 0. */
  index: number;
  respondent: Respondent;
  item: Record<string, unknown>;
  /** The example's own name (its first name field), as the respondent wrote it. */
  name: string;
  /** Every name the anonymised wording must avoid: the example's name fields and the respondent's organisation and name. */
  names: string[];
  cite: number | null;
  country: string | null;
  sectors: number[];
}

export interface CompendiumContext {
  questionnaire: Questionnaire;
  fields: CompendiumFields;
  /** The group's item questions by id. */
  items: Map<string, ItemQuestion>;
  /** Main questions by id. */
  questions: Map<string, Question>;
}

/** The questionnaire's Compendium setting, or undefined when it has no examples to curate. */
export function compendiumContext(questionnaire: Questionnaire): CompendiumContext | undefined {
  const fields = compendiumFieldsOf(questionnaire.id);
  if (!fields) return undefined;
  const model = datasetModel(questionnaire);
  const group = model.groups.get(fields.group);
  if (!group) return undefined;
  const items = new Map(group.map((v) => [v.question.id, v.question as ItemQuestion]));
  const questions = new Map<string, Question>();
  for (const v of model.variables)
    if (!v.group && !questions.has(v.question.id)) questions.set(v.question.id, v.question as Question);
  return { questionnaire, fields, items, questions };
}

/** Every main question the Compendium reads, besides the group: profile, practices, directory, challenge matrices. */
function readQuestionIds(ctx: CompendiumContext): string[] {
  const { fields } = ctx;
  const matrices = [...ctx.questions.values()].filter((q) => q.type === "matrix").map((q) => q.id);
  return [
    fields.group,
    ...Object.values(fields.profile),
    fields.practice,
    fields.directory.hub,
    fields.directory.consent,
    fields.directory.email,
    ...matrices,
  ].filter((id) => ctx.questions.has(id));
}

/** Every submitted respondent (of one consultation, or of all when `consultationId` is null) with the answers the Compendium reads. */
export async function loadRespondents(
  db: Kysely<Database>,
  ctx: CompendiumContext,
  consultationId: string | null = null,
): Promise<Respondent[]> {
  const rows = await submittedAnswers(db, { questionnaireId: ctx.questionnaire.id, consultationId }, readQuestionIds(ctx));
  const byId = new Map<string, Respondent>();
  for (const row of rows) {
    let respondent = byId.get(row.response_id);
    if (!respondent) {
      respondent = {
        responseId: row.response_id,
        language: row.language,
        submittedAt: row.submitted_at,
        answers: new Map(),
        invitee:
          row.invitee_email !== null
            ? { name: row.invitee_name ?? "", email: row.invitee_email, organisation: row.invitee_organisation ?? "" }
            : null,
      };
      byId.set(row.response_id, respondent);
    }
    if (row.state === "answered" && row.value !== null)
      respondent.answers.set(row.variable, { value: JSON.parse(row.value) as AnswerValue, otherText: row.other_text });
  }
  return [...byId.values()];
}

const asText = (value: unknown) => (typeof value === "string" ? value.trim() : "");
const asCodes = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : []);

/** Every example of every respondent, in submission order. */
export function examplesOf(ctx: CompendiumContext, respondents: Respondent[]): Example[] {
  const { fields } = ctx;
  // Only text answers hold names; a multiple choice of partner types names no one.
  const nameFields = fields.item.names.filter((id) => {
    const type = ctx.items.get(id)?.type;
    return type === "text" || type === "longtext";
  });
  return respondents.flatMap((respondent) => {
    const items = respondent.answers.get(fields.group)?.value;
    if (!Array.isArray(items)) return [];
    return (items as Array<Record<string, unknown>>).map((item, index): Example => {
      const ownNames = nameFields.map((id) => asText(item[id])).filter(Boolean);
      const people = respondent.invitee ? [respondent.invitee.organisation, respondent.invitee.name].filter(Boolean) : [];
      const cite = item[fields.item.cite];
      const country = item[fields.item.country];
      return {
        responseId: respondent.responseId,
        index,
        respondent,
        item,
        name: ownNames[0] ?? "",
        names: namesOf([...ownNames, ...people]),
        cite: typeof cite === "number" ? cite : null,
        country: typeof country === "string" ? country : null,
        sectors: asCodes(item[fields.item.sectors]),
      };
    });
  });
}

export const sourceKey = (s: { responseId: string; index: number }) => `${s.responseId}:${s.index}`;

/** The answer of the latest request for each example (requests come newest first). */
function latestRequests(requests: CitationRequestRow[]) {
  const latest = new Map<string, CitationRequestRow>();
  for (const r of requests) {
    const key = sourceKey({ responseId: r.response_id, index: r.item_index });
    if (!latest.has(key)) latest.set(key, r);
  }
  return latest;
}

export function sourceCitation(
  fields: CompendiumFields,
  example: Example,
  request: CitationRequestRow | undefined,
): SourceCitation {
  const { cite } = fields;
  if (example.cite === cite.named) return "named";
  if (example.cite === cite.anonymous) return "anonymous";
  if (example.cite === cite.askFirst) {
    if (!request) return "askFirst";
    return request.answer === "granted" ? "granted" : request.answer === "refused" ? "refused" : "requested";
  }
  return "refused";
}

/** The strictest citation of an entry's examples: one refusal keeps it out, one pending request holds it. */
export function entryCitation(citations: SourceCitation[]): EntryCitation {
  if (citations.length === 0 || citations.includes("refused")) return "refused";
  if (citations.some((c) => c === "askFirst" || c === "requested")) return "pending";
  if (citations.includes("anonymous")) return "anonymous";
  return "named";
}

export interface CuratedSource extends Example {
  citation: SourceCitation;
  request: CitationRequestRow | undefined;
}

export interface CuratedEntry extends EntryRecord {
  examples: CuratedSource[];
  citation: EntryCitation;
  /** Every name of every example of the entry. */
  names: string[];
}

/**
 * Everything curation reads at once: the examples, the entries with their examples, the requests. The
 * examples (and the entries' examples) are one consultation's when `consultationId` is given.
 */
export async function loadCompendium(db: Kysely<Database>, ctx: CompendiumContext, consultationId: string | null = null) {
  const [respondents, entries, requests] = await Promise.all([
    loadRespondents(db, ctx, consultationId),
    listEntries(db, ctx.questionnaire.id),
    listCitationRequests(db, ctx.questionnaire.id),
  ]);
  const latest = latestRequests(requests);
  const examples: CuratedSource[] = examplesOf(ctx, respondents).map((e) => {
    const request = latest.get(sourceKey(e));
    return { ...e, request, citation: sourceCitation(ctx.fields, e, request) };
  });
  const byKey = new Map(examples.map((e) => [sourceKey(e), e]));
  const curated: CuratedEntry[] = entries.map((entry) => {
    // A source whose response was reopened, or whose item was removed, is no longer an example.
    const own = entry.sources.flatMap((s) => byKey.get(sourceKey(s)) ?? []);
    return {
      ...entry,
      examples: own,
      citation: entryCitation(own.map((e) => e.citation)),
      names: [...new Set(own.flatMap((e) => e.names))],
    };
  });
  const entryOf = new Map<string, CuratedEntry>();
  for (const entry of curated) for (const e of entry.examples) entryOf.set(sourceKey(e), entry);
  return { respondents, examples, entries: curated, entryOf };
}

export type LoadedCompendium = Awaited<ReturnType<typeof loadCompendium>>;

/** The questionnaire's languages with the respondent's own first: the order of a message to them. */
export function languagesFor(ctx: CompendiumContext, respondent: Respondent): string[] {
  const { languages } = ctx.questionnaire;
  const own = languages.includes(respondent.language) ? respondent.language : languages[0]!;
  return [own, ...languages.filter((l) => l !== own)];
}

/** Formats answers of this questionnaire in a language. */
export function formatterFor(ctx: CompendiumContext, language: string) {
  const t = fixedT(language, ctx.questionnaire.id);
  const format: FormatContext = { t: (key, vars) => t(key, vars ?? {}), lists: ctx.questionnaire.lists, language };
  return {
    t,
    /** A main question's answer in words, joined. */
    answer(respondent: Respondent, questionId: string): string {
      const q = ctx.questions.get(questionId);
      const stored = respondent.answers.get(questionId);
      return q && stored ? formatAnswer(q, stored.value, stored.otherText ?? undefined, format).join(", ") : "";
    },
    /** An item question's answer in words. */
    item(example: Example, itemId: string): string {
      const q = ctx.items.get(itemId);
      return q ? formatAnswer(q, example.item[itemId] as AnswerValue | undefined, undefined, format).join(", ") : "";
    },
    itemLabel: (itemId: string) => t(wordingKey.itemLabel(ctx.fields.group, itemId)),
    label: (questionId: string) => t(wordingKey.label(questionId)),
    option: (listId: string, code: number) => t(wordingKey.option(listId, code)),
    /** A matrix question's answer, one "row: rating" line each. */
    lines(respondent: Respondent, questionId: string): string[] {
      const q = ctx.questions.get(questionId);
      const stored = respondent.answers.get(questionId);
      return q && stored ? formatAnswer(q, stored.value, stored.otherText ?? undefined, format) : [];
    },
  };
}

export type Formatter = ReturnType<typeof formatterFor>;

/** The respondent's profile in words: organisation type, country, sector. */
export function profileOf(ctx: CompendiumContext, format: Formatter, respondent: Respondent) {
  const { profile } = ctx.fields;
  return {
    orgType: format.answer(respondent, profile.orgType),
    country: format.answer(respondent, profile.country),
    sector: format.answer(respondent, profile.sector),
  };
}

/** A list's options (without exclusive ones such as "none of these") with their labels, for filters and tags. */
export function listOptions(ctx: CompendiumContext, format: Formatter, listId: string) {
  return (ctx.questionnaire.lists[listId] ?? [])
    .filter((o) => !o.exclusive)
    .map((o) => ({ code: o.code, label: format.option(listId, o.code) }));
}

/** The options of a main choice question's list; none for other questions. */
export function questionOptions(ctx: CompendiumContext, format: Formatter, questionId: string) {
  const q = ctx.questions.get(questionId);
  return q && (q.type === "single" || q.type === "multiple") ? listOptions(ctx, format, q.list) : [];
}

/** The codes a respondent chose for a main multiple-choice question. */
export const codesOf = (respondent: Respondent, questionId: string) => asCodes(respondent.answers.get(questionId)?.value);
export const textOf = (respondent: Respondent, questionId: string) => asText(respondent.answers.get(questionId)?.value);
export const codeOf = (respondent: Respondent, questionId: string) => {
  const value = respondent.answers.get(questionId)?.value;
  return typeof value === "number" ? value : typeof value === "string" ? value : null;
};

/** The name of one example of a response, for the respondent's own pages. */
export async function storedExampleName(db: Kysely<Database>, ctx: CompendiumContext, responseId: string, index: number) {
  const items = (await loadAnswers(db, responseId)).values[ctx.fields.group];
  const item = Array.isArray(items) ? (items[index] as Record<string, unknown> | undefined) : undefined;
  return item ? (ctx.fields.item.names.map((id) => asText(item[id])).find(Boolean) ?? "") : "";
}
