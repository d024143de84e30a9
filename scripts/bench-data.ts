// Synthetic responses for `npm run bench`: plausible answers to a questionnaire's definition,
// stored the way the app stores them (answers with their states, answer_codes), inserted in bulk.
import crypto from "node:crypto";
import SQLite from "better-sqlite3";
import type { AnswerValue } from "../app/engine/conditions";
import type { ItemQuestion, Option, Question, Questionnaire } from "../app/engine/definition";
import { evaluate } from "../app/engine/conditions";
import { migrateToLatest, openDatabase } from "../db/connection";
import { seededRandom } from "./bench-lib";

export interface SyntheticAnswer {
  variable: string;
  state: "answered" | "empty" | "not_shown";
  value: AnswerValue | null;
  otherText: string | null;
  /** As saveSection stores them: codes of single, multiple and country answers. */
  codes: string[];
}

export interface SyntheticResponse {
  id: string;
  language: string;
  createdAt: string;
  submittedAt: string;
  answers: SyntheticAnswer[];
}

const WORDS = (
  "the partnership trust banks data sharing victims survivors training law enforcement companies hotline supply chain " +
  "recruitment fees audit risk financial intelligence reports platform moderation funding government support " +
  "la alianza confianza bancos información víctimas sobrevivientes capacitación empresas línea denuncia cadena " +
  "suministro reclutamiento riesgo inteligencia financiera plataforma financiamiento gobierno apoyo región país"
).split(" ");
const EXTRA_COUNTRIES = ["US", "CA", "CO", "ES", "BR", "AR", "PE", "EC"];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/**
 * Phrases of a few words, with now and then what CSV has to quote: commas, quotes, line breaks.
 * Made once per seed; texts are a few of them joined, which keeps generating 100,000 responses fast.
 */
function phrasePool(random: Random): string[] {
  return Array.from({ length: 4096 }, () => {
    const words: string[] = [];
    const n = int(random, 2, 9);
    for (let i = 0; i < n; i++) {
      let w = pick(random, WORDS);
      const r = random();
      if (r < 0.06) w += ",";
      else if (r < 0.07) w = `"${w}"`;
      else if (r < 0.075) w += "\n";
      words.push(w);
    }
    return words.join(" ");
  });
}

const pools = new WeakMap<Random, string[]>();

/** A text of `minPhrases` to `maxPhrases` phrases; about one in a hundred starts with "=", which exports neutralise. */
function prose(random: Random, minPhrases: number, maxPhrases: number, maxLength: number): string {
  let pool = pools.get(random);
  if (!pool) pools.set(random, (pool = phrasePool(random)));
  const parts: string[] = [];
  const n = int(random, minPhrases, maxPhrases);
  for (let i = 0; i < n; i++) parts.push(pool[Math.floor(random() * pool.length)]!);
  let text = parts.join(". ");
  if (random() < 0.01) text = `=${text}`;
  return text.slice(0, maxLength).trim() || "x";
}

function subset(random: Random, options: readonly Option[], min = 1, max = 3): number[] {
  const codes = options.map((o) => o.code);
  const n = Math.min(codes.length, int(random, min, max));
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(pick(random, codes));
  // In the order picked: a ranking keeps it, a multiple choice sorts it.
  return [...chosen];
}

interface Generated {
  value: AnswerValue;
  otherText: string | null;
}

function plain(value: AnswerValue): Generated {
  return { value, otherText: null };
}

function generateValue(q: Question | ItemQuestion, lists: Questionnaire["lists"], random: Random, index: number): Generated {
  switch (q.type) {
    case "single": {
      const option = pick(random, lists[q.list]!);
      return { value: option.code, otherText: option.other ? prose(random, 1, 1, 200) : null };
    }
    case "multiple": {
      const options = lists[q.list]!;
      const exclusive = options.filter((o) => o.exclusive);
      if (exclusive.length && random() < 0.1) return plain([exclusive[0]!.code]);
      const codes = subset(
        random,
        options.filter((o) => !o.exclusive),
        q.min ?? 1,
        Math.max(q.min ?? 1, q.max ?? 3),
      ).sort((a, b) => a - b);
      const other = options.find((o) => o.other && codes.includes(o.code));
      return { value: codes, otherText: other ? prose(random, 1, 1, 200) : null };
    }
    case "text":
      return plain(prose(random, 1, 1, q.maxLength ?? 200));
    case "longtext":
      return plain(prose(random, 1, 6, q.maxLength ?? 5000));
    case "number":
      return plain(int(random, q.min ?? 0, q.max ?? 100));
    case "date":
      return plain(`2025-${String(int(random, 1, 12)).padStart(2, "0")}-${String(int(random, 1, 28)).padStart(2, "0")}`);
    case "email":
      return plain(`person${index}@example.org`);
    case "country":
      return plain(random() < 0.8 && q.priority?.length ? pick(random, q.priority) : pick(random, EXTRA_COUNTRIES));
    case "consent":
      return plain(true);
    case "matrix": {
      const scale = lists[q.scale]!.map((o) => o.code);
      const byRow: Record<string, number> = {};
      for (const row of lists[q.rows]!) byRow[String(row.code)] = q.dontKnow && random() < 0.05 ? -77 : pick(random, scale);
      return plain(byRow);
    }
    case "ranking":
      return plain(subset(random, lists[q.list]!, q.top, q.top));
    case "group": {
      const items: Array<Record<string, unknown>> = [];
      const n = int(random, Math.max(1, q.min ?? 0), Math.min(2, q.max ?? 2));
      for (let i = 0; i < n; i++) {
        const item: Record<string, unknown> = {};
        for (const sub of q.questions)
          if (sub.required || random() < 0.6) item[sub.id] = generateValue(sub, lists, random, index).value;
        items.push(item);
      }
      return plain(items);
    }
  }
}

function codesOf(q: Question, value: AnswerValue): string[] {
  if (q.type === "single" || q.type === "country") return [String(value)];
  if (q.type === "multiple") return (value as number[]).map(String);
  return [];
}

/**
 * A UUID whose first 48 bits grow with the index, like a time-ordered UUIDv7: rows then go in at
 * the end of the primary-key indexes, which keeps a bulk insert fast; the rest is random.
 */
function orderedId(random: Random, index: number): string {
  const rand = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  const time = index.toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${rand(3)}-a${rand(3)}-${rand(12)}`;
}

/**
 * One submitted response, walked section by section as a respondent would: required questions
 * answered, optional ones answered about two times in three, questions hidden by skip logic stored
 * as not shown within a section that is shown, and sections that are not shown left without rows.
 */
export function generateResponse(questionnaire: Questionnaire, random: Random, index: number): SyntheticResponse {
  const values: Record<string, AnswerValue> = {};
  const answers: SyntheticAnswer[] = [];
  // Only shown questions get a value, so `values` holds exactly the answers that skip logic counts
  // (as computeVisibility does): conditions can be evaluated on it directly, which is much faster.
  for (const section of questionnaire.sections) {
    if (section.showIf && !evaluate(section.showIf, values)) continue;
    for (const q of section.questions) {
      if (q.showIf && !evaluate(q.showIf, values)) {
        answers.push({ variable: q.id, state: "not_shown", value: null, otherText: null, codes: [] });
        continue;
      }
      if (!q.required && random() >= 0.65) {
        answers.push({ variable: q.id, state: "empty", value: null, otherText: null, codes: [] });
        continue;
      }
      const { value, otherText } = generateValue(q, questionnaire.lists, random, index);
      values[q.id] = value;
      answers.push({ variable: q.id, state: "answered", value, otherText, codes: codesOf(q, value) });
    }
  }
  const created = Date.UTC(2026, 0, 1) + Math.floor(random() * 300 * 86_400_000);
  return {
    id: orderedId(random, index),
    language: random() < 0.6 ? "es" : "en",
    createdAt: new Date(created).toISOString(),
    submittedAt: new Date(created + int(random, 5, 90) * 60_000).toISOString(),
    answers,
  };
}

export interface FillResult {
  responses: number;
  answers: number;
  codes: number;
  ms: number;
}

/**
 * Creates the app's schema in a new SQLite file (the app's own migrations), then inserts `count`
 * submitted responses with better-sqlite3 prepared statements, several thousand per transaction.
 * Loading runs without journal nor fsync (a throw-away file); the file is left in WAL mode like the app's.
 */
export async function fillDatabase(
  file: string,
  questionnaire: Questionnaire,
  count: number,
  seed = 20261128,
): Promise<FillResult> {
  const started = performance.now();
  const kysely = openDatabase(file);
  await migrateToLatest(kysely);
  await kysely.destroy();

  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  sqlite.pragma("temp_store = MEMORY");
  // Secondary indexes are built once at the end, from sorted data, rather than row by row.
  const indexes = sqlite
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('responses', 'answers', 'answer_codes')",
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);
  const insertResponse = sqlite.prepare(
    `insert into responses (id, questionnaire_id, questionnaire_version, language, status, current_section,
       resume_token_hash, resume_code_hash, created_at, updated_at, submitted_at, invitation_id)
     values (?, ?, ?, ?, 'submitted', null, ?, ?, ?, ?, ?, null)`,
  );
  // Many rows per statement: one call into SQLite per hundred rows rather than per row.
  const ROWS = 100;
  const multiInsert = (table: string, columns: string[]) => {
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    const many = sqlite.prepare(`insert into ${table} (${columns.join(", ")}) values ${Array(ROWS).fill(tuple).join(", ")}`);
    const one = sqlite.prepare(`insert into ${table} (${columns.join(", ")}) values ${tuple}`);
    const pending: unknown[] = [];
    return {
      add(...values: unknown[]) {
        pending.push(...values);
        if (pending.length === ROWS * columns.length) {
          many.run(pending);
          pending.length = 0;
        }
      },
      flush() {
        for (let i = 0; i < pending.length; i += columns.length) one.run(pending.slice(i, i + columns.length));
        pending.length = 0;
      },
    };
  };
  const answerRows = multiInsert("answers", ["response_id", "variable", "state", "value", "other_text", "updated_at"]);
  const codeRows = multiInsert("answer_codes", ["response_id", "variable", "code"]);
  const hash = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
  const random = seededRandom(seed);
  let answers = 0;
  let codes = 0;
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = generateResponse(questionnaire, random, i);
      insertResponse.run(
        r.id,
        questionnaire.id,
        questionnaire.version,
        r.language,
        hash(`${r.id}:token`),
        hash(`${r.id}:code`),
        r.createdAt,
        r.submittedAt,
        r.submittedAt,
      );
      for (const a of r.answers) {
        answerRows.add(r.id, a.variable, a.state, a.value === null ? null : JSON.stringify(a.value), a.otherText, r.submittedAt);
        answers++;
        // A set: a multiple choice never repeats a code, the table's key says so too.
        for (const code of new Set(a.codes)) {
          codeRows.add(r.id, a.variable, code);
          codes++;
        }
      }
    }
    answerRows.flush();
    codeRows.flush();
  });
  const PER_TRANSACTION = 5000;
  for (let from = 0; from < count; from += PER_TRANSACTION) batch(from, Math.min(count, from + PER_TRANSACTION));
  for (const index of indexes) sqlite.exec(index.sql);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  return { responses: count, answers, codes, ms: performance.now() - started };
}
