import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { fixedT } from "~/i18n/i18next.server";
import { env } from "~/utils/env.server";
import { tempDir } from "../../tests/support/test-env";
import { downloadResponse, startDownload, STALLED_MS, type DownloadJob } from "./download.server";

// Stand-ins for build/export-worker.js that speak the same messages, to reach what a real export rarely does.
const job: DownloadJob = { kind: "invitations", questionnaireId: "pre-regm", origin: "http://localhost", filter: {} };
const HEAD = `send({ type: "head", filename: "list.csv", contentType: "text/csv; charset=utf-8", details: {} });`;

function fakeWorker(body: string): string {
  const file = path.join(tempDir(), "worker.mjs");
  fs.writeFileSync(
    file,
    `import { parentPort, workerData } from "node:worker_threads";\nconst send = (m) => parentPort.postMessage(m);\n${body}\n`,
  );
  return file;
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<number[]> {
  const bytes: number[] = [];
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) bytes.push(...next.value);
  return bytes;
}

describe("downloads in a worker", () => {
  it("passes every chunk on in order, granting the worker one more for each one taken", async () => {
    // Sends only while it holds a grant: with grants missing the download would never end.
    const workerFile = fakeWorker(`
      let credit = workerData.window, sent = 0;
      const pump = () => {
        for (; credit > 0 && sent < 50; credit--) send({ type: "chunk", data: new Uint8Array([++sent]) });
        if (sent === 50) send({ type: "end" });
      };
      parentPort.on("message", () => { credit++; pump(); });
      ${HEAD}
      pump();`);
    const download = await startDownload(job, { workerFile });
    expect(download.status).toBe("ready");
    if (download.status !== "ready") return;
    expect(await readAll(download.body)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("answers a failure before the first byte with a 500 in the organiser's language", async () => {
    const failures: unknown[] = [];
    const workerFile = fakeWorker(`send({ type: "error", error: new Error("no such table: responses") });`);
    const download = await startDownload(job, { workerFile, onFailure: (e) => failures.push(e) });
    expect(download.status).toBe("failed");
    expect(String(failures[0])).toContain("no such table");
    const response = downloadResponse(download, fixedT("es", "organiser"));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe(fixedT("es", "organiser")("export.failed"));
  });

  it("breaks the body off when the worker dies half-way, rather than ending it as if complete", async () => {
    const failures: unknown[] = [];
    const workerFile = fakeWorker(`
      ${HEAD}
      send({ type: "chunk", data: new Uint8Array([1]) });
      parentPort.on("message", () => { throw new Error("worker crashed"); });`);
    const download = await startDownload(job, { workerFile, onFailure: (e) => failures.push(e) });
    if (download.status !== "ready") throw new Error(download.status);
    await expect(readAll(download.body)).rejects.toThrow("worker crashed");
    expect(failures).toHaveLength(1);
  });

  it("refuses one download more than MAX_CONCURRENT_EXPORTS with a 429, and a cancelled one frees its place", async () => {
    // A worker that sends its first chunk and then waits for a client that never reads.
    const workerFile = fakeWorker(`${HEAD}\nsend({ type: "chunk", data: new Uint8Array([1]) });\nsetInterval(() => {}, 1000);`);
    const running = await Promise.all(
      Array.from({ length: env.MAX_CONCURRENT_EXPORTS }, () => startDownload(job, { workerFile })),
    );
    expect(running.map((d) => d.status)).toEqual(running.map(() => "ready"));

    const refused = await startDownload(job, { workerFile });
    expect(refused.status).toBe("busy");
    const response = downloadResponse(refused, fixedT("en", "organiser"));
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("60");
    expect(await response.text()).toBe("Another export is being prepared; please try again in a minute.");

    for (const download of running) if (download.status === "ready") await download.body.cancel();
    const after = await startDownload(job, { workerFile });
    expect(after.status).toBe("ready");
    if (after.status === "ready") await after.body.cancel();
  });

  it("gives the place of a client that takes nothing for too long to the next download", async () => {
    const workerFile = fakeWorker(`${HEAD}\nsend({ type: "chunk", data: new Uint8Array([1]) });\nsetInterval(() => {}, 1000);`);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const idle = await Promise.all(
        Array.from({ length: env.MAX_CONCURRENT_EXPORTS }, () => startDownload(job, { workerFile })),
      );
      expect((await startDownload(job, { workerFile })).status).toBe("busy");
      vi.advanceTimersByTime(STALLED_MS);
      for (const download of idle)
        if (download.status === "ready") await expect(download.body.getReader().read()).rejects.toThrow("took nothing");
      const next = await startDownload(job, { workerFile });
      expect(next.status).toBe("ready");
      if (next.status === "ready") await next.body.cancel();
    } finally {
      vi.useRealTimers();
    }
  });
});
