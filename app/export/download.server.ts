// Downloads made off the main thread. better-sqlite3 is synchronous, so a dataset written on the
// request's thread would stop every other request until its last row. Each download runs in its
// own worker thread (export-worker.server.ts, built to build/export-worker.js) with its own read
// handle, and comes back chunk by chunk: the worker makes a chunk only when the client has taken
// one of the last WINDOW it sent, so a slow client slows the worker instead of filling memory.
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { TFunction } from "i18next";
import { env } from "~/utils/env.server";
import { MORE, type DownloadJob, type WorkerInput, type WorkerMessage } from "./download-protocol";

export type { DownloadJob };

export type Download =
  | {
      status: "ready";
      filename: string;
      contentType: string;
      /** What the worker learnt while reading (the invitation list's length), for the audit log. */
      details: Record<string, unknown>;
      body: ReadableStream<Uint8Array>;
    }
  | { status: "busy" }
  | { status: "failed" };

/** Built by scripts/build-worker.mjs; found from the working directory, as server.mjs finds build/index.js. */
export const WORKER_FILE = path.resolve("build/export-worker.js");
/** Chunks the worker may make ahead of the client: enough to keep it busy while one is being sent. */
const WINDOW = 4;
/**
 * The worker's old-generation heap. A download needs a batch of rows at a time; without a limit V8 lets
 * the heap grow to about twice this before collecting. Over it the worker stops and the download fails.
 */
const HEAP_MB = 96;
/** A client that takes nothing for this long gives its place up. */
export const STALLED_MS = 120_000;
/** Seconds in the 429's Retry-After. */
export const RETRY_AFTER_SECONDS = 60;

let running = 0;

const logFailure = (error: unknown) => console.error("An export failed:", error);

/**
 * Starts a download in a worker, or answers `busy` when MAX_CONCURRENT_EXPORTS are under way.
 * Resolves once the first chunk is made, so a failure before it is an error page, not a broken file.
 */
export async function startDownload(
  job: DownloadJob,
  { workerFile = WORKER_FILE, onFailure = logFailure }: { workerFile?: string; onFailure?: (error: unknown) => void } = {},
): Promise<Download> {
  if (running >= env.MAX_CONCURRENT_EXPORTS) return { status: "busy" };
  running++;
  const input: WorkerInput = { job, database: env.database, window: WINDOW };
  const worker = new Worker(workerFile, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    running--;
    void worker.terminate();
  };

  let head: Extract<WorkerMessage, { type: "head" }> | undefined;
  const inbox: Uint8Array[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const changed = () => new Promise<void>((resolve) => (wake = resolve));
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on("message", (message: WorkerMessage) => {
    if (message.type === "head") head = message;
    else if (message.type === "chunk") inbox.push(message.data);
    else if (message.type === "end") ended = true;
    else failure ??= message.error;
    notify();
  });
  worker.on("error", (error) => {
    failure ??= error;
    notify();
  });
  worker.on("exit", (code) => {
    if (!ended) failure ??= new Error(`The export worker stopped (exit code ${code})`);
    notify();
  });
  const fail = () => {
    onFailure(failure);
    finish();
  };

  while (failure === undefined && !(head && (inbox.length || ended))) await changed();
  if (failure !== undefined || !head) {
    fail();
    return { status: "failed" };
  }

  // Armed while a chunk waits for the client, also before the first one is taken.
  let stalled: NodeJS.Timeout | undefined;
  let stream!: ReadableStreamDefaultController<Uint8Array>;
  const waitForClient = () => {
    clearTimeout(stalled);
    stalled = setTimeout(() => {
      finish();
      stream.error(new Error("The client took nothing for two minutes"));
    }, STALLED_MS);
    stalled.unref();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream = controller;
        waitForClient();
      },
      async pull(controller) {
        clearTimeout(stalled);
        while (!inbox.length && !ended && failure === undefined) await changed();
        const chunk = inbox.shift();
        if (chunk) {
          controller.enqueue(chunk);
          worker.postMessage(MORE);
          waitForClient();
        } else if (failure !== undefined) {
          fail();
          controller.error(failure);
        } else {
          finish();
          controller.close();
        }
      },
      cancel() {
        // The client went away: stop the worker now rather than make the rest of the file.
        clearTimeout(stalled);
        finish();
      },
    },
    // Pulled only when the writer asks for a chunk: the WINDOW is the only read-ahead.
    { highWaterMark: 0 },
  );
  return { status: "ready", filename: head.filename, contentType: head.contentType, details: head.details, body };
}

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

/** The download's answer: the file, or a message in the organiser's language (t: the organiser namespace). */
export function downloadResponse(download: Download, t: TFunction): Response {
  if (download.status === "busy") return text(t("export.busy"), 429, { "Retry-After": String(RETRY_AFTER_SECONDS) });
  if (download.status === "failed") return text(t("export.failed"), 500);
  return new Response(download.body, {
    headers: {
      "Content-Type": download.contentType,
      "Content-Disposition": `attachment; filename="${download.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
