// The download side of `npm run bench`: respondents' page times while an organiser downloads the
// zip of every response, against the same page times with nothing else running, plus the zip's
// first byte, its total time and the server's memory.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { getQuestionnaire } from "../app/questionnaires/registry.server";
import { createAccount } from "../tests/support/accounts";
import { fillDatabase, type FillResult } from "./bench-data";
import { percentile, ratio } from "./bench-lib";
import { QUESTIONNAIRE, startBenchServer } from "./bench-server";

export interface PageTimes {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 200, and connection errors. */
  unexpected: number;
}

export interface DownloadResult {
  generation: FillResult;
  respondents: number;
  page: string;
  baseline: PageTimes;
  during: PageTimes;
  p99Ratio: number;
  zip: { firstByteMs: number; totalMs: number; bytes: number; complete: boolean };
  rss: { beforeBytes: number; peakBytes: number };
}

const PAGE = `/q/${QUESTIONNAIRE}/s/about`;
const ORGANISER = { email: "bench@example.org", password: "bench organiser password" };

/** `respondents` loops, each asking for the page as soon as it has the last one, until `stop()` is true. */
async function pageTimes(base: string, respondents: number, stop: () => boolean): Promise<PageTimes> {
  const times: number[] = [];
  let unexpected = 0;
  const respondent = async () => {
    while (!stop()) {
      const started = performance.now();
      try {
        const response = await fetch(base + PAGE, { headers: { "Accept-Encoding": "gzip", "Accept-Language": "es" } });
        await response.arrayBuffer();
        if (response.status !== 200) unexpected++;
      } catch {
        unexpected++;
      }
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: respondents }, respondent));
  return { requests: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), unexpected };
}

const forSeconds = (seconds: number) => {
  const end = performance.now() + seconds * 1000;
  return () => performance.now() >= end;
};

/** Bytes of the process's resident memory now (VmRSS) and at its peak so far (VmHWM). */
function memory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib("VmRSS"), peak: kib("VmHWM") };
}

/** The zip export as the export page posts it, read as fast as it comes; the clock starts at the request. */
function downloadZip(base: string, cookie: string): Promise<DownloadResult["zip"]> {
  const body = new URLSearchParams({ q: QUESTIONNAIRE, format: "zip" }).toString();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = NaN;
    let bytes = 0;
    let tail = Buffer.alloc(0);
    const request = http.request(`${base}/organiser/export/file`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
    });
    request.on("error", reject);
    request.on("response", (response) => {
      if (response.statusCode !== 200) reject(new Error(`The zip export answered ${response.statusCode}`));
      response.on("data", (chunk: Buffer) => {
        if (!bytes) firstByteMs = performance.now() - started;
        bytes += chunk.length;
        tail = Buffer.concat([tail, chunk]).subarray(-22);
      });
      response.on("error", reject);
      // A zip ends with its directory's end record (22 bytes here: the zip has no comment).
      response.on("end", () =>
        resolve({ firstByteMs, totalMs: performance.now() - started, bytes, complete: tail.readUInt32LE(0) === 0x06054b50 }),
      );
    });
    request.end(body);
  });
}

export async function measureDownload(options: {
  responses: number;
  respondents: number;
  baselineSeconds: number;
  keep: boolean;
}): Promise<DownloadResult> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-bench-download-"));
  const database = path.join(directory, "responses.db");
  try {
    const generation = await fillDatabase(database, getQuestionnaire(QUESTIONNAIRE)!, options.responses);
    await createAccount(database, ORGANISER.email, "organiser", ORGANISER.password);
    const server = await startBenchServer({ databasePath: database });
    try {
      const login = await fetch(`${server.url}/organiser/login`, {
        method: "POST",
        body: new URLSearchParams(ORGANISER),
        redirect: "manual",
      });
      if (login.status !== 302) throw new Error(`Signing in answered ${login.status}`);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");

      await pageTimes(server.url, options.respondents, forSeconds(2)); // warm-up
      const baseline = await pageTimes(server.url, options.respondents, forSeconds(options.baselineSeconds));
      const before = memory(server.pid).rss;
      let downloading = true;
      const zip = downloadZip(server.url, cookie).finally(() => (downloading = false));
      const during = pageTimes(server.url, options.respondents, () => !downloading);
      const result = { zip: await zip, during: await during };
      return {
        generation,
        respondents: options.respondents,
        page: PAGE,
        baseline,
        during: result.during,
        p99Ratio: ratio(result.during.p99Ms, baseline.p99Ms),
        zip: result.zip,
        // VmHWM: the peak of the whole run, which the export's stretch dominates.
        rss: { beforeBytes: before, peakBytes: memory(server.pid).peak },
      };
    } finally {
      await server.stop();
    }
  } finally {
    if (options.keep) console.log(`Kept ${directory}`);
    else fs.rmSync(directory, { recursive: true, force: true });
  }
}
