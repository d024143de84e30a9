import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { inScope, type ConsultationScope } from "./consultation-scope.server";

type Db = Kysely<Database>;

/** A theme's label and description in one language. */
export interface ThemeWording {
  label: string;
  description: string;
}

/** A theme with its wording in each language that has one. */
export interface ThemeWithLabels {
  id: string;
  code: string;
  labels: Record<string, ThemeWording>;
}

export async function listThemes(db: Db, questionnaireId: string): Promise<ThemeWithLabels[]> {
  const [themes, labels] = await Promise.all([
    db.selectFrom("themes").select(["id", "code"]).where("questionnaire_id", "=", questionnaireId).orderBy("code").execute(),
    db
      .selectFrom("theme_labels")
      .innerJoin("themes", "themes.id", "theme_labels.theme_id")
      .select(["theme_labels.theme_id", "theme_labels.language", "theme_labels.label", "theme_labels.description"])
      .where("themes.questionnaire_id", "=", questionnaireId)
      .execute(),
  ]);
  return themes.map((theme) => ({
    ...theme,
    labels: Object.fromEntries(
      labels.filter((l) => l.theme_id === theme.id).map((l) => [l.language, { label: l.label, description: l.description }]),
    ),
  }));
}

export interface ThemeInput {
  code: string;
  labels: Record<string, ThemeWording>;
}

/** Adds the themes whose code the questionnaire does not have yet; returns how many were added. */
export async function createThemes(db: Db, questionnaireId: string, themes: ThemeInput[]): Promise<number> {
  if (!themes.length) return 0;
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const taken = new Set(
      (
        await trx
          .selectFrom("themes")
          .select("code")
          .where("questionnaire_id", "=", questionnaireId)
          .where(
            "code",
            "in",
            themes.map((t) => t.code),
          )
          .execute()
      ).map((r) => r.code),
    );
    const fresh = themes.filter((t) => !taken.has(t.code)).map((t) => ({ ...t, id: crypto.randomUUID() }));
    if (!fresh.length) return 0;
    await trx
      .insertInto("themes")
      .values(fresh.map((t) => ({ id: t.id, code: t.code, questionnaire_id: questionnaireId, created_at: now })))
      .execute();
    const labels = fresh.flatMap((t) => Object.entries(t.labels).map(([language, w]) => ({ theme_id: t.id, language, ...w })));
    if (labels.length) await trx.insertInto("theme_labels").values(labels).execute();
    return fresh.length;
  });
}

/** Sets a theme's wording per language; a language given null loses its own (it falls back to English). */
export async function updateThemeLabels(
  db: Db,
  questionnaireId: string,
  id: string,
  labels: Record<string, ThemeWording | null>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const theme = await trx
      .selectFrom("themes")
      .select("id")
      .where("id", "=", id)
      .where("questionnaire_id", "=", questionnaireId)
      .executeTakeFirst();
    if (!theme) return false;
    for (const [language, wording] of Object.entries(labels)) {
      if (wording === null) {
        await trx.deleteFrom("theme_labels").where("theme_id", "=", id).where("language", "=", language).execute();
        continue;
      }
      await trx
        .insertInto("theme_labels")
        .values({ theme_id: id, language, ...wording })
        .onConflict((oc) => oc.columns(["theme_id", "language"]).doUpdateSet(wording))
        .execute();
    }
    return true;
  });
}

/** Submitted answers to one open question, a page at a time, with this coder's coding of each. */
export async function answersToCode(
  db: Db,
  scope: ConsultationScope,
  variable: string,
  coderId: string,
  page: { limit: number; offset: number },
) {
  const rows = await db
    .selectFrom("answers")
    .innerJoin("responses", "responses.id", "answers.response_id")
    .leftJoin("codings", (join) =>
      join
        .onRef("codings.response_id", "=", "answers.response_id")
        .onRef("codings.variable", "=", "answers.variable")
        .on("codings.coder_id", "=", coderId),
    )
    .select(["answers.response_id", "answers.value", "codings.note", "codings.coded"])
    .where(inScope("responses", scope))
    .where("responses.status", "=", "submitted")
    .where("answers.variable", "=", variable)
    .where("answers.state", "=", "answered")
    .orderBy("responses.submitted_at")
    .orderBy("answers.response_id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const ids = rows.map((r) => r.response_id);
  const tags = ids.length
    ? await db
        .selectFrom("coding_themes")
        .select(["response_id", "theme_id"])
        .where("variable", "=", variable)
        .where("coder_id", "=", coderId)
        .where("response_id", "in", ids)
        .execute()
    : [];
  return rows.map((r) => ({
    responseId: r.response_id,
    text: r.value === null ? "" : String(JSON.parse(r.value)),
    coded: r.coded === 1,
    note: r.note ?? "",
    themeIds: tags.filter((t) => t.response_id === r.response_id).map((t) => t.theme_id),
  }));
}

/**
 * Where an answer stands among the answers to code (from 0, in the coding screen's order);
 * undefined when it is not one of them.
 */
export async function answerPosition(
  db: Db,
  scope: ConsultationScope,
  variable: string,
  responseId: string,
): Promise<number | undefined> {
  const answers = () =>
    db
      .selectFrom("answers")
      .innerJoin("responses", "responses.id", "answers.response_id")
      .where(inScope("responses", scope))
      .where("responses.status", "=", "submitted")
      .where("answers.variable", "=", variable)
      .where("answers.state", "=", "answered");
  const target = await answers()
    .select("responses.submitted_at")
    .where("answers.response_id", "=", responseId)
    .executeTakeFirst();
  if (!target) return undefined;
  const at = target.submitted_at ?? "";
  const before = await answers()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) =>
      eb.or([
        eb("responses.submitted_at", "<", at),
        eb.and([eb("responses.submitted_at", "=", at), eb("answers.response_id", "<", responseId)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(before.n);
}

/** How many submitted answers an open question has, and how many this coder has coded. */
export async function codingProgress(db: Db, scope: ConsultationScope, variables: string[], coderId: string) {
  if (!variables.length) return new Map<string, { total: number; coded: number }>();
  const [totals, coded] = await Promise.all([
    db
      .selectFrom("answers")
      .innerJoin("responses", "responses.id", "answers.response_id")
      .select(["answers.variable", (eb) => eb.fn.countAll<number>().as("n")])
      .where(inScope("responses", scope))
      .where("responses.status", "=", "submitted")
      .where("answers.state", "=", "answered")
      .where("answers.variable", "in", variables)
      .groupBy("answers.variable")
      .execute(),
    db
      .selectFrom("codings")
      .innerJoin("responses", "responses.id", "codings.response_id")
      .select(["codings.variable", (eb) => eb.fn.countAll<number>().as("n")])
      .where(inScope("responses", scope))
      .where("codings.coder_id", "=", coderId)
      .where("codings.coded", "=", 1)
      .where("codings.variable", "in", variables)
      .groupBy("codings.variable")
      .execute(),
  ]);
  return new Map(
    variables.map((v) => [
      v,
      { total: Number(totals.find((t) => t.variable === v)?.n ?? 0), coded: Number(coded.find((c) => c.variable === v)?.n ?? 0) },
    ]),
  );
}

/**
 * One coder's reading of one answer as the coding screen sends it: `coded` when the coder ticked
 * themes or "no theme applies"; a note alone is a memo and leaves the answer not coded.
 */
export interface CodingInput {
  responseId: string;
  coded: boolean;
  themeIds: string[];
  note: string;
}

/**
 * Stores one coder's coding of some answers to one question, all or nothing. Only what changed is
 * written (an answer saved as the screen showed it keeps its time); an answer neither coded nor
 * annotated has no row. Returns how many answers changed.
 */
export async function saveCodings(db: Db, coderId: string, variable: string, items: CodingInput[]): Promise<number> {
  if (!items.length) return 0;
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const ids = items.map((i) => i.responseId);
    const [rows, tagRows] = await Promise.all([
      trx
        .selectFrom("codings")
        .select(["response_id", "variable", "coder_id", "note", "coded"])
        .where("variable", "=", variable)
        .where("coder_id", "=", coderId)
        .where("response_id", "in", ids)
        .execute(),
      trx
        .selectFrom("coding_themes")
        .select(["response_id", "variable", "coder_id", "theme_id"])
        .where("variable", "=", variable)
        .where("coder_id", "=", coderId)
        .where("response_id", "in", ids)
        .execute(),
    ]);
    const stored = new Map(withThemes(rows, tagRows).map((r) => [r.response_id, r]));
    let changed = 0;
    for (const item of items) {
      const before = stored.get(item.responseId);
      const themeIds = item.coded ? [...new Set(item.themeIds)].sort() : [];
      const same = before
        ? before.coded === (item.coded ? 1 : 0) &&
          before.note === item.note &&
          [...before.themeIds].sort().join() === themeIds.join()
        : !item.coded && item.note === "";
      if (same) continue;
      changed++;
      const key = { response_id: item.responseId, variable, coder_id: coderId };
      await trx
        .deleteFrom("coding_themes")
        .where("response_id", "=", item.responseId)
        .where("variable", "=", variable)
        .where("coder_id", "=", coderId)
        .execute();
      if (!item.coded && item.note === "") {
        await trx
          .deleteFrom("codings")
          .where("response_id", "=", item.responseId)
          .where("variable", "=", variable)
          .where("coder_id", "=", coderId)
          .execute();
        continue;
      }
      const values = { note: item.note, coded: item.coded ? 1 : 0, updated_at: now };
      await trx
        .insertInto("codings")
        .values({ ...key, ...values })
        .onConflict((oc) => oc.columns(["response_id", "variable", "coder_id"]).doUpdateSet(values))
        .execute();
      if (themeIds.length)
        await trx
          .insertInto("coding_themes")
          .values(themeIds.map((theme_id) => ({ ...key, theme_id })))
          .execute();
    }
    return changed;
  });
}

type CodingRow = { response_id: string; variable: string; coder_id: string; note: string; coded: number };
type TagRow = { response_id: string; variable: string; coder_id: string; theme_id: string };

function withThemes<R extends CodingRow>(rows: R[], tagRows: TagRow[]) {
  const key = (r: { response_id: string; variable: string; coder_id: string }) =>
    `${r.response_id}\u0000${r.variable}\u0000${r.coder_id}`;
  const themes = new Map<string, string[]>();
  for (const t of tagRows) themes.set(key(t), [...(themes.get(key(t)) ?? []), t.theme_id]);
  return rows.map((r) => ({ ...r, themeIds: themes.get(key(r)) ?? [] }));
}

/** Every decided coding of the answers in scope (memos left out): who coded what, with which themes. */
export async function decidedCodings(db: Db, scope: ConsultationScope) {
  const [rows, tagRows] = await Promise.all([
    db
      .selectFrom("codings")
      .innerJoin("responses", "responses.id", "codings.response_id")
      .select(["codings.response_id", "codings.variable", "codings.coder_id", "codings.note", "codings.coded"])
      .where(inScope("responses", scope))
      .where("codings.coded", "=", 1)
      .execute(),
    db
      .selectFrom("coding_themes")
      .innerJoin("responses", "responses.id", "coding_themes.response_id")
      .select(["coding_themes.response_id", "coding_themes.variable", "coding_themes.coder_id", "coding_themes.theme_id"])
      .where(inScope("responses", scope))
      .execute(),
  ]);
  return withThemes(rows, tagRows);
}

/** The codings of some responses, found by their ids alone (the export's batches: no join to walk). */
export async function codingsOfResponses(db: Db, responseIds: string[]) {
  if (!responseIds.length) return [];
  const [rows, tagRows] = await Promise.all([
    db
      .selectFrom("codings")
      .select(["response_id", "variable", "coder_id", "note", "coded"])
      .where("response_id", "in", responseIds)
      .execute(),
    db
      .selectFrom("coding_themes")
      .select(["response_id", "variable", "coder_id", "theme_id"])
      .where("response_id", "in", responseIds)
      .execute(),
  ]);
  return withThemes(rows, tagRows);
}

/** Which of some responses have a submitted answer to this question (what a coder may code). */
export async function codableResponseIds(
  db: Db,
  scope: ConsultationScope,
  variable: string,
  responseIds: string[],
): Promise<Set<string>> {
  if (!responseIds.length) return new Set();
  const rows = await db
    .selectFrom("answers")
    .innerJoin("responses", "responses.id", "answers.response_id")
    .select("answers.response_id")
    .where(inScope("responses", scope))
    .where("responses.status", "=", "submitted")
    .where("answers.variable", "=", variable)
    .where("answers.state", "=", "answered")
    .where("answers.response_id", "in", responseIds)
    .execute();
  return new Set(rows.map((r) => r.response_id));
}

/** How many codings tag a theme: a theme in use is merged, never deleted. */
export async function themeUses(db: Db, themeId: string): Promise<number> {
  const row = await db
    .selectFrom("coding_themes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("theme_id", "=", themeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Removes one of a questionnaire's themes with its labels; callers check first that no coding uses it. */
export async function deleteTheme(db: Db, questionnaireId: string, id: string): Promise<boolean> {
  await db.deleteFrom("theme_labels").where("theme_id", "=", id).execute();
  const deleted = await db
    .deleteFrom("themes")
    .where("id", "=", id)
    .where("questionnaire_id", "=", questionnaireId)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

/**
 * Moves every coding of `sourceId` to `targetId` (a coder who ticked both keeps one tick) and removes
 * the source theme; returns how many codings moved. Run inside the caller's transaction.
 */
export async function mergeTheme(db: Db, sourceId: string, targetId: string): Promise<number> {
  const moved = await themeUses(db, sourceId);
  // One statement whatever the number of codings (no bound parameters per row).
  await db
    .insertInto("coding_themes")
    .columns(["response_id", "variable", "coder_id", "theme_id"])
    .expression((eb) =>
      eb
        .selectFrom("coding_themes")
        .select(["response_id", "variable", "coder_id", eb.val(targetId).as("theme_id")])
        .where("theme_id", "=", sourceId),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db.deleteFrom("coding_themes").where("theme_id", "=", sourceId).execute();
  return moved;
}
