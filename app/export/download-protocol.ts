import type { InvitationFilter } from "~/models/invitation.server";
// What the main thread (download.server.ts) and a download's worker (export-worker.server.ts) say to
// each other. Types and one constant only, so the worker's bundle carries nothing of the main side.
import type { ExportRequest } from "./export.server";

export type DownloadJob =
  | { kind: "dataset"; questionnaireId: string; request: ExportRequest }
  | { kind: "invitations"; questionnaireId: string; origin: string; filter: InvitationFilter };

export interface WorkerInput {
  job: DownloadJob;
  /** The SQLite file or the postgres:// URL (env.database). */
  database: string;
  window: number;
}

/** From the worker: the file's head, its chunks, then the end or an error. */
export type WorkerMessage =
  | { type: "head"; filename: string; contentType: string; details: Record<string, unknown> }
  | { type: "chunk"; data: Uint8Array }
  | { type: "end" }
  | { type: "error"; error: unknown };

/** To the worker: one more chunk may be sent. */
export const MORE = "more";
