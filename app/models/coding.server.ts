import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, ThemeRow } from "../../db/schema";

type Db = Kysely<Database>;

export async function listThemes(db: Db, questionnaireId: string): Promise<ThemeRow[]> {
  return db.selectFrom("themes").selectAll().where("questionnaire_id", "=", questionnaireId).orderBy("code").execute();
}

export interface ThemeInput {
  code: string;
  label_en: string;
  label_es: string;
  description: string;
}

export async function createThemes(db: Db, questionnaireId: string, themes: ThemeInput[]): Promise<number> {
  if (!themes.length) return 0;
  const now = new Date().toISOString();
  const result = await db
    .insertInto("themes")
    .values(themes.map((t) => ({ ...t, id: crypto.randomUUID(), questionnaire_id: questionnaireId, created_at: now })))
    .onConflict((oc) => oc.columns(["questionnaire_id", "code"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function updateTheme(
  db: Db,
  questionnaireId: string,
  id: string,
  input: Omit<ThemeInput, "code">,
): Promise<boolean> {
  const result = await db
    .updateTable("themes")
    .set(input)
    .where("id", "=", id)
    .where("questionnaire_id", "=", questionnaireId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Submitted answers to one open question, a page at a time, with this coder's coding of each. */
export async function answersToCode(
  db: Db,
  questionnaireId: string,
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
    .select(["answers.response_id", "answers.value", "codings.note", "codings.updated_at"])
    .where("responses.questionnaire_id", "=", questionnaireId)
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
    coded: r.updated_at !== null,
    note: r.note ?? "",
    themeIds: tags.filter((t) => t.response_id === r.response_id).map((t) => t.theme_id),
  }));
}

/** How many submitted answers an open question has, and how many this coder has coded. */
export async function codingProgress(db: Db, questionnaireId: string, variables: string[], coderId: string) {
  if (!variables.length) return new Map<string, { total: number; coded: number }>();
  const [totals, coded] = await Promise.all([
    db
      .selectFrom("answers")
      .innerJoin("responses", "responses.id", "answers.response_id")
      .select(["answers.variable", (eb) => eb.fn.countAll<number>().as("n")])
      .where("responses.questionnaire_id", "=", questionnaireId)
      .where("responses.status", "=", "submitted")
      .where("answers.state", "=", "answered")
      .where("answers.variable", "in", variables)
      .groupBy("answers.variable")
      .execute(),
    db
      .selectFrom("codings")
      .innerJoin("responses", "responses.id", "codings.response_id")
      .select(["codings.variable", (eb) => eb.fn.countAll<number>().as("n")])
      .where("responses.questionnaire_id", "=", questionnaireId)
      .where("codings.coder_id", "=", coderId)
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

export interface CodingInput {
  responseId: string;
  themeIds: string[];
  note: string;
}

/** Stores one coder's coding of some answers to one question, all or nothing. */
export async function saveCodings(db: Db, coderId: string, variable: string, items: CodingInput[]): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const item of items) {
      const key = { response_id: item.responseId, variable, coder_id: coderId };
      await trx
        .insertInto("codings")
        .values({ ...key, note: item.note, updated_at: now })
        .onConflict((oc) => oc.columns(["response_id", "variable", "coder_id"]).doUpdateSet({ note: item.note, updated_at: now }))
        .execute();
      await trx
        .deleteFrom("coding_themes")
        .where("response_id", "=", item.responseId)
        .where("variable", "=", variable)
        .where("coder_id", "=", coderId)
        .execute();
      if (item.themeIds.length) {
        await trx
          .insertInto("coding_themes")
          .values(item.themeIds.map((theme_id) => ({ ...key, theme_id })))
          .execute();
      }
    }
  });
}

type CodingRow = { response_id: string; variable: string; coder_id: string; note: string };
type TagRow = { response_id: string; variable: string; coder_id: string; theme_id: string };

function withThemes(rows: CodingRow[], tagRows: TagRow[]) {
  const key = (r: { response_id: string; variable: string; coder_id: string }) =>
    `${r.response_id}\u0000${r.variable}\u0000${r.coder_id}`;
  const themes = new Map<string, string[]>();
  for (const t of tagRows) themes.set(key(t), [...(themes.get(key(t)) ?? []), t.theme_id]);
  return rows.map((r) => ({ ...r, themeIds: themes.get(key(r)) ?? [] }));
}

/** Every coding of a questionnaire's answers: who coded what, with which themes. */
export async function allCodings(db: Db, questionnaireId: string) {
  const [rows, tagRows] = await Promise.all([
    db
      .selectFrom("codings")
      .innerJoin("responses", "responses.id", "codings.response_id")
      .select(["codings.response_id", "codings.variable", "codings.coder_id", "codings.note"])
      .where("responses.questionnaire_id", "=", questionnaireId)
      .execute(),
    db
      .selectFrom("coding_themes")
      .innerJoin("responses", "responses.id", "coding_themes.response_id")
      .select(["coding_themes.response_id", "coding_themes.variable", "coding_themes.coder_id", "coding_themes.theme_id"])
      .where("responses.questionnaire_id", "=", questionnaireId)
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
      .select(["response_id", "variable", "coder_id", "note"])
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
  questionnaireId: string,
  variable: string,
  responseIds: string[],
): Promise<Set<string>> {
  if (!responseIds.length) return new Set();
  const rows = await db
    .selectFrom("answers")
    .innerJoin("responses", "responses.id", "answers.response_id")
    .select("answers.response_id")
    .where("responses.questionnaire_id", "=", questionnaireId)
    .where("responses.status", "=", "submitted")
    .where("answers.variable", "=", variable)
    .where("answers.state", "=", "answered")
    .where("answers.response_id", "in", responseIds)
    .execute();
  return new Set(rows.map((r) => r.response_id));
}
