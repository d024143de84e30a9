import { countryName } from "~/engine/countries";
import { fixedT } from "~/i18n/i18next.server";
import type { CompendiumContext as Ctx } from "./examples.server";
import { formatterFor, profileOf, type CompendiumContext, type CuratedEntry, type LoadedCompendium } from "./examples.server";
import { namesFoundIn } from "./names";
import { formatDate } from "~/utils/format-date";

export interface DraftEntry {
  number: number;
  title: string;
  summary: string;
  /** Label and value lines under the summary (countries, sectors, practices, and the partnership's name when it may be named). */
  facts: Array<{ label: string; value: string }>;
  countries: string[];
  sources: string[];
}

export interface Draft {
  language: string;
  title: string;
  sectors: Array<{ label: string; practices: Array<{ label: string; entries: DraftEntry[] }> }>;
  countryIndex: Array<{ country: string; entries: number[] }>;
  entries: DraftEntry[];
  /** Included entries kept out of this draft, by reason: for the editor, never printed. */
  leftOut: { pending: number; refused: number; untranslated: number; names: number };
}

type LeftOut = keyof Draft["leftOut"];

/** Why an included entry cannot be in the draft in this language, or null when it can. */
function reasonLeftOut(entry: CuratedEntry, language: string): LeftOut | null {
  if (entry.citation === "pending") return "pending";
  if (entry.citation === "refused") return "refused";
  const text = entry.texts[language];
  if (!text?.title || !text.summary) return "untranslated";
  // Checked again here, not only when saved: an example merged in later may bring names of its own.
  if (entry.citation === "anonymous" && namesFoundIn(`${text.title}\n${text.summary}`, entry.names).length) return "names";
  return null;
}

/** The position of each code in its list, so groups follow the questionnaire's order. */
const orderOf = (ctx: CompendiumContext, listId: string) =>
  new Map((ctx.questionnaire.lists[listId] ?? []).map((o, i) => [o.code, i]));

/**
 * The Compendium draft in one language: the included entries that may be cited, grouped by sector and
 * practice, numbered, with a country index and the sources of each. An entry cited without names shows
 * the editor's wording and no name of any example, partner or respondent.
 */
export function compendiumDraft(ctx: CompendiumContext, loaded: LoadedCompendium, language: string): Draft {
  const { fields } = ctx;
  const t = fixedT(language, "compendium");
  const format = formatterFor(ctx, language);
  const sectorOrder = orderOf(ctx, fields.sectorList);
  const practiceOrder = orderOf(ctx, fields.practiceList);
  const leftOut: Draft["leftOut"] = { pending: 0, refused: 0, untranslated: 0, names: 0 };
  const citable = loaded.entries.filter((entry) => {
    if (entry.decision !== "include") return false;
    const reason = reasonLeftOut(entry, language);
    if (reason) leftOut[reason]++;
    return reason === null;
  });
  const byOrder = (order: Map<number, number>) => (a: number, b: number) => (order.get(a) ?? 999) - (order.get(b) ?? 999);
  const placed = citable.map((entry) => {
    const sectors = [...new Set(entry.examples.flatMap((e) => e.sectors))].sort(byOrder(sectorOrder));
    const practices = [...entry.practices].sort(byOrder(practiceOrder));
    return {
      entry,
      sectors,
      practices,
      sector: sectors.find((s) => s !== fields.otherSector) ?? fields.otherSector,
      practice: practices[0] ?? null,
    };
  });
  placed.sort(
    (a, b) =>
      byOrder(sectorOrder)(a.sector, b.sector) ||
      (a.practice === null ? 1 : 0) - (b.practice === null ? 1 : 0) ||
      byOrder(practiceOrder)(a.practice ?? 0, b.practice ?? 0) ||
      a.entry.texts[language]!.title.localeCompare(b.entry.texts[language]!.title, language),
  );
  const entries = placed.map(({ entry, sectors, practices }, i): DraftEntry => {
    const named = entry.citation === "named";
    const countryCodes = [...new Set(entry.examples.flatMap((e) => (e.country ? [e.country] : [])))];
    const countries = countryCodes.map((c) => countryName(c, language));
    const first = entry.examples[0]!;
    const fact = (label: string, value: string) => (value ? [{ label, value }] : []);
    return {
      number: i + 1,
      title: entry.texts[language]!.title,
      summary: entry.texts[language]!.summary,
      countries,
      facts: [
        ...(named
          ? fact(t("draft.partnership"), [...new Set(entry.examples.map((e) => e.name).filter(Boolean))].join("; "))
          : []),
        ...fact(t("draft.countries"), countries.join(", ")),
        ...fact(t("draft.sectors"), sectors.map((s) => format.option(fields.sectorList, s)).join(", ")),
        ...fact(t("draft.practices"), practices.map((p) => format.option(fields.practiceList, p)).join(", ")),
        ...fact(format.itemLabel(fields.item.year), format.item(first, fields.item.year)),
        ...fact(format.itemLabel(fields.item.status), format.item(first, fields.item.status)),
        // A web address usually names the organisation.
        ...(named ? fact(format.itemLabel(fields.item.link), format.item(first, fields.item.link)) : []),
      ],
      sources: entry.examples.map((e) => {
        const profile = profileOf(ctx, format, e.respondent);
        return t("draft.sourceLine", {
          n: e.index + 1,
          response: e.responseId.slice(0, 8),
          date: e.respondent.submittedAt ? formatDate(e.respondent.submittedAt, language) : "",
          profile: [profile.orgType, profile.country].filter(Boolean).join(", "),
        });
      }),
    };
  });
  const sectors: Draft["sectors"] = [];
  for (const [i, p] of placed.entries()) {
    const sectorLabel = p.sector === fields.otherSector ? t("draft.otherSector") : format.option(fields.sectorList, p.sector);
    const practiceLabel = p.practice === null ? t("draft.untagged") : format.option(fields.practiceList, p.practice);
    let sector = sectors.at(-1);
    if (sector?.label !== sectorLabel) sectors.push((sector = { label: sectorLabel, practices: [] }));
    let practice = sector.practices.at(-1);
    if (practice?.label !== practiceLabel) sector.practices.push((practice = { label: practiceLabel, entries: [] }));
    practice.entries.push(entries[i]!);
  }
  const index = new Map<string, number[]>();
  for (const e of entries) for (const c of e.countries) index.set(c, [...(index.get(c) ?? []), e.number]);
  return {
    language,
    title: t("draft.title"),
    sectors,
    countryIndex: [...index]
      .map(([country, numbers]) => ({ country, entries: numbers }))
      .sort((a, b) => a.country.localeCompare(b.country, language)),
    entries,
    leftOut,
  };
}

/** The draft's own headings in its language, for the page and the Word file alike. */
export function draftHeadings(language: string) {
  const t = fixedT(language, "compendium");
  return {
    contents: t("draft.contents"),
    countryIndex: t("draft.countryIndex"),
    sources: t("draft.sourcesAppendix"),
    empty: t("draft.empty"),
  };
}

/** The draft's language: one of the questionnaire's, or a 400 in the reader's language. */
export function draftLanguage(ctx: Ctx, value: unknown, t: (key: string) => string) {
  const language = typeof value === "string" && value ? value : ctx.questionnaire.languages[0]!;
  if (!ctx.questionnaire.languages.includes(language))
    throw new Response(t("draft.unknownLanguage"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return language;
}
