import { unzipSync } from "fflate";
import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Questionnaire } from "../../app/engine/definition";
import { exportDataset } from "../../app/export/export.server";
import fc from "fast-check";
import { textMax } from "../../app/engine/limits";
import { randomResponse, storeResponses } from "./random-responses";

/** A text as long as the question allows, with line breaks, quotes, a backslash, accents and emoji. */
const longText = (length: number) => 'Línea "uno" \\ 😀\r\n'.repeat(length).slice(0, length);

/**
 * The zip of every file for `count` random responses (drafts included), unzipped: name -> bytes.
 * The first five fill every long-text question they answer to its limit (very long strings in SPSS).
 */
export async function exportedZip(
  questionnaire: Questionnaire,
  { count, seed, language }: { count: number; seed: number; language: string },
): Promise<Record<string, Uint8Array>> {
  const responses = fc.sample(randomResponse(questionnaire), { numRuns: count, seed });
  const longtexts = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === "longtext");
  for (const response of responses.slice(0, 5))
    for (const q of longtexts)
      if (response.answers[q.id]!.value !== undefined) response.answers[q.id] = { value: longText(textMax(q)) };
  const db = openDatabase(":memory:");
  try {
    await migrateToLatest(db);
    await storeResponses(db, questionnaire, responses);
    const zip = await exportDataset(db, questionnaire, {
      format: "zip",
      filters: { questionnaireId: questionnaire.id, statuses: ["submitted", "draft"], languages: [], codes: {} },
      language,
      includePersonal: true,
    });
    const parts: Uint8Array[] = [];
    for await (const chunk of zip.chunks) parts.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    return unzipSync(Buffer.concat(parts));
  } finally {
    await db.destroy();
  }
}
