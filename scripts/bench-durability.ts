// The cost of durability: how many section saves per second SQLite takes in WAL mode with
// synchronous=FULL (an fsync at every commit) against NORMAL (fsync at checkpoints only).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { migrateToLatest, openDatabase } from "../db/connection";
import { createResponse, hashSecret, saveSection, type AnswerToStore } from "../app/models/response.server";
import { median, percentile } from "./bench-lib";

export type SyncMode = "NORMAL" | "FULL";

export interface DurabilityMode {
  mode: SyncMode;
  savesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  saves: number;
}

export interface DurabilityResult {
  modes: Record<SyncMode, DurabilityMode>;
  /** FULL's save rate over NORMAL's. */
  ratio: number;
  rounds: number;
  secondsPerRound: number;
  directory: string;
}

/** One save of the about section, as the respondent route stores it: seven answers, with their codes. */
const ABOUT: AnswerToStore[] = [
  { variable: "org_type", state: "answered", value: 6, codes: ["6"] },
  { variable: "industry", state: "not_shown" },
  { variable: "country", state: "answered", value: "GT", codes: ["GT"] },
  { variable: "scope", state: "answered", value: 2, codes: ["2"] },
  { variable: "role", state: "answered", value: "Analista de políticas públicas" },
  { variable: "years", state: "answered", value: 4, codes: ["4"] },
  { variable: "areas", state: "answered", value: [1, 3], codes: ["1", "3"] },
];

/**
 * Saves one section over and over, alternating NORMAL and FULL rounds so that other load on the
 * machine falls on both alike; the rate of each mode is the median of its rounds.
 * The database sits in the system's temporary folder (here on the same disk as the app's data).
 */
export async function measureDurability({ rounds = 3, secondsPerRound = 2 } = {}): Promise<DurabilityResult> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-bench-sync-"));
  const db = openDatabase(path.join(directory, "sync.db"));
  try {
    await migrateToLatest(db);
    const responses: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = crypto.randomUUID();
      await createResponse(db, {
        id,
        questionnaireId: "pre-regm",
        questionnaireVersion: 1,
        language: "es",
        tokenHash: hashSecret(`t${id}`),
        codeHash: hashSecret(`c${id}`),
      });
      responses.push(id);
    }
    const rates: Record<SyncMode, number[]> = { NORMAL: [], FULL: [] };
    const latencies: Record<SyncMode, number[]> = { NORMAL: [], FULL: [] };
    for (let round = 0; round < rounds; round++) {
      for (const mode of ["NORMAL", "FULL"] as const) {
        await sql.raw(`pragma synchronous = ${mode}`).execute(db);
        const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
        if (rows[0]?.synchronous !== (mode === "FULL" ? 2 : 1)) throw new Error(`synchronous did not switch to ${mode}`);
        const started = performance.now();
        let saves = 0;
        while (performance.now() - started < secondsPerRound * 1000) {
          const t0 = performance.now();
          await saveSection(db, {
            responseId: responses[saves % responses.length]!,
            language: "es",
            currentSection: "ch_supply",
            answers: ABOUT,
            notShown: [],
          });
          latencies[mode].push(performance.now() - t0);
          saves++;
        }
        rates[mode].push(saves / ((performance.now() - started) / 1000));
      }
    }
    const summary = (mode: SyncMode): DurabilityMode => ({
      mode,
      savesPerSecond: median(rates[mode]),
      p50Ms: percentile(latencies[mode], 50),
      p99Ms: percentile(latencies[mode], 99),
      saves: latencies[mode].length,
    });
    const modes = { NORMAL: summary("NORMAL"), FULL: summary("FULL") };
    return { modes, ratio: modes.FULL.savesPerSecond / modes.NORMAL.savesPerSecond, rounds, secondsPerRound, directory };
  } finally {
    await db.destroy();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
