// One download, in a worker thread started by download.server.ts (bundled to build/export-worker.js).
// It reads through a read-only snapshot of its own, never app/utils/db.server.ts, which migrates and
// schedules purges, and sends a chunk only when the main thread has granted one.
import { parentPort, workerData } from "node:worker_threads";
import type { Kysely } from "kysely";
import { openSnapshot } from "../../db/connection";
import type { Database } from "../../db/schema";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { MORE, type DownloadJob, type WorkerInput, type WorkerMessage } from "./download-protocol";
import { exportDataset, type ExportFile } from "./export.server";
import { invitationsFile } from "./invitations.server";

async function fileOf(db: Kysely<Database>, job: DownloadJob): Promise<{ file: ExportFile; details: Record<string, unknown> }> {
  if (job.kind === "invitations") {
    const { file, count } = await invitationsFile(db, job.questionnaireId, job.origin, job.filter);
    return { file, details: { count } };
  }
  const questionnaire = getQuestionnaire(job.questionnaireId);
  if (!questionnaire) throw new Error(`No questionnaire ${job.questionnaireId}`);
  // Each response is read with the version it was answered in.
  const versionOf = (version: number) => getQuestionnaire(questionnaire.id, version);
  return { file: await exportDataset(db, questionnaire, job.request, versionOf), details: {} };
}

const port = parentPort!;
const { job, database, window } = workerData as WorkerInput;
const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let credit = window;
let granted: (() => void) | undefined;
port.on("message", (message) => {
  if (message !== MORE) return;
  credit++;
  granted?.();
  granted = undefined;
});

const encoder = new TextEncoder();
const db = openSnapshot(database);
try {
  const { file, details } = await fileOf(db, job);
  send({ type: "head", filename: file.filename, contentType: file.contentType, details });
  for await (const chunk of file.chunks) {
    let data = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    if (!data.byteLength) continue;
    while (credit === 0) await new Promise<void>((resolve) => (granted = resolve));
    credit--;
    // Moved, not copied: a view of part of a larger buffer is cut out first.
    if (data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) data = data.slice();
    send({ type: "chunk", data }, [data.buffer as ArrayBuffer]);
  }
  send({ type: "end" });
} catch (error) {
  send({ type: "error", error });
} finally {
  await db.destroy();
  port.close();
}
