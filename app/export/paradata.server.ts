import type { Kysely } from "kysely";
import type { Database, ResponseRow } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { MISSING } from "~/engine/missing";
import { answerSaveTimes, languageSwitches } from "~/models/paradata.server";
import type { Translate, VariableDescription } from "./codebook";
import type { Cell } from "./columns";
import type { ResponseWithAnswers, Table } from "./dataset.server";

/**
 * Paradata, one row per response: where the respondent got to, when they saved, roughly how long
 * each section took, and when they switched language. Derived from what saving stores (each
 * answer's last save time, the response's place and times) and the recorded language switches.
 */

const FIXED = [
  "response_id",
  "status",
  "language",
  "started_at",
  "last_saved_at",
  "submitted_at",
  "current_section",
  "last_saved_section",
  "sections_saved",
  "language_switches",
  "languages_used",
] as const;

export const secondsVariable = (section: string) => `seconds_${section}`;

/** The paradata file's variables, as the codebook describes them. */
export function paradataVariables(questionnaire: Questionnaire, t: Translate): VariableDescription[] {
  const noSave = { code: MISSING.noAnswer, label: t("organiser:codebook.paradata.notSaved") };
  const describe = (variable: string, label: string, missing: VariableDescription["missing"] = []): VariableDescription => ({
    variable,
    section: "",
    label,
    type: "metadata",
    // Times and counts of seconds measure; the rest names things.
    level:
      variable.startsWith("seconds_") || variable === "sections_saved" || variable === "language_switches" ? "scale" : "nominal",
    values: [],
    skipRule: "",
    missing,
    personal: false,
  });
  return [
    ...FIXED.map((v) => describe(v, t(`organiser:codebook.paradata.${v}`))),
    ...questionnaire.sections.map((s) =>
      describe(secondsVariable(s.id), t("organiser:codebook.paradata.seconds", { section: s.id }), [noSave]),
    ),
  ];
}

function byResponse<T extends { response_id: string }>(rows: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const own = grouped.get(row.response_id);
    if (own) own.push(row);
    else grouped.set(row.response_id, [row]);
  }
  return grouped;
}

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * A section's save time is the latest save of its answers (hidden ones aside: a later save elsewhere
 * hides them). Its time is from the save before it (of any section, or the start) to that save; a
 * section saved again later counts from its last save only.
 */
function sectionCells(
  questionnaire: Questionnaire,
  response: ResponseRow,
  saves: Array<{ variable: string; state: string; updated_at: string }>,
) {
  const sectionOf = new Map(questionnaire.sections.flatMap((s) => s.questions.map((q) => [q.id, s.id] as const)));
  const lastSave = new Map<string, string>();
  const hiddenSave = new Map<string, string>();
  for (const save of saves) {
    const section = sectionOf.get(save.variable);
    if (!section) continue;
    const into = save.state === "not_shown" ? hiddenSave : lastSave;
    if ((into.get(section) ?? "") < save.updated_at) into.set(section, save.updated_at);
  }
  for (const [section, at] of hiddenSave) if (!lastSave.has(section)) lastSave.set(section, at);
  const ordered = [...lastSave].sort((a, b) => a[1].localeCompare(b[1]));
  const spent = new Map(ordered.map(([section, at], i) => [section, seconds(i ? ordered[i - 1]![1] : response.created_at, at)]));
  return {
    lastSavedSection: ordered.at(-1)?.[0] ?? "",
    sectionsSaved: ordered.length,
    perSection: questionnaire.sections.map((s): Cell => spent.get(s.id) ?? MISSING.noAnswer),
  };
}

/** The paradata table of the responses the batches hold. */
export function paradataTable(
  db: Kysely<Database>,
  questionnaire: Questionnaire,
  batches: AsyncIterable<ResponseWithAnswers[]>,
): Table {
  return {
    header: [...FIXED, ...questionnaire.sections.map((s) => secondsVariable(s.id))],
    columns: [],
    rows: (async function* () {
      for await (const batch of batches) {
        const ids = batch.map((b) => b.response.id);
        const saves = byResponse(await answerSaveTimes(db, ids));
        const switches = byResponse(await languageSwitches(db, ids));
        yield batch.map(({ response }): Cell[] => {
          const own = switches.get(response.id) ?? [];
          const { lastSavedSection, sectionsSaved, perSection } = sectionCells(
            questionnaire,
            response,
            saves.get(response.id) ?? [],
          );
          const used = [...new Set([own[0]?.from_language ?? response.language, ...own.map((s) => s.to_language)])];
          return [
            response.id,
            response.status,
            response.language,
            response.created_at,
            response.updated_at,
            response.submitted_at ?? "",
            response.current_section ?? "",
            lastSavedSection,
            sectionsSaved,
            own.length,
            used.join(";"),
            ...perSection,
          ];
        });
      }
    })(),
  };
}
