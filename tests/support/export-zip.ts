import { unzipSync } from "fflate";
import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Questionnaire } from "../../app/engine/definition";
import { exportDataset } from "../../app/export/export.server";
import { seedRandomResponses } from "./random-responses";

/** The zip of every file for `count` random responses (drafts included), unzipped: name -> bytes. */
export async function exportedZip(
  questionnaire: Questionnaire,
  { count, seed, language }: { count: number; seed: number; language: string },
): Promise<Record<string, Uint8Array>> {
  const db = openDatabase(":memory:");
  try {
    await migrateToLatest(db);
    await seedRandomResponses(db, questionnaire, { count, seed });
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
