import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { computeVisibility } from "~/engine/visibility";
import { exportDataset } from "~/export/export.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { migrateToLatest, openDatabase } from "../db/connection";
import { fillDatabase, generateResponse } from "./bench-data";
import { seededRandom } from "./bench-lib";

const questionnaire = getQuestionnaire("pre-regm")!;
const questions = new Map(questionnaire.sections.flatMap((s) => s.questions.map((q) => [q.id, { q, section: s.id }] as const)));

describe("synthetic responses", () => {
  it("follow the skip logic and answer every required question shown, as the app would store them", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 300; i++) {
      const response = generateResponse(questionnaire, random, i);
      const values = Object.fromEntries(
        response.answers.filter((a) => a.state === "answered").map((a) => [a.variable, a.value!]),
      );
      const visibility = computeVisibility(questionnaire, values);
      const stored = new Map(response.answers.map((a) => [a.variable, a]));
      for (const [id, { q, section }] of questions) {
        const answer = stored.get(id);
        if (!visibility.sections.has(section)) expect(answer, `${id} of a hidden section`).toBeUndefined();
        else if (!visibility.questions.has(id)) expect(answer?.state, id).toBe("not_shown");
        else if (q.required) expect(answer?.state, id).toBe("answered");
        else expect(["answered", "empty"], id).toContain(answer?.state);
      }
      for (const a of response.answers) {
        const { q } = questions.get(a.variable)!;
        if (a.state !== "answered") expect(a.codes).toEqual([]);
        else if (q.type === "single" || q.type === "country") expect(a.codes).toEqual([String(a.value)]);
        else if (q.type === "multiple") expect(a.codes).toEqual((a.value as number[]).map(String));
        else expect(a.codes).toEqual([]);
        if (q.type === "single" && a.state === "answered")
          expect(questionnaire.lists[q.list]!.map((o) => o.code)).toContain(a.value);
      }
    }
  });

  it("are the same for the same seed and have increasing ids", () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => (_: unknown, i: number) =>
          generateResponse(questionnaire, r, i)
      )(seededRandom(1)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => (_: unknown, i: number) =>
          generateResponse(questionnaire, r, i)
      )(seededRandom(1)),
    );
    expect(a).toEqual(b);
    expect(a.map((r) => r.id)).toEqual(a.map((r) => r.id).sort());
  });

  it("fill a database that the coded export reads, one row per response", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-bench-test-"));
    try {
      const file = path.join(dir, "bench.db");
      const result = await fillDatabase(file, questionnaire, 250);
      const sqlite = new SQLite(file, { readonly: true });
      const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      expect([count("responses"), count("answers"), count("answer_codes")]).toEqual([250, result.answers, result.codes]);
      expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(sqlite.prepare("select count(*) as n from sqlite_master where name = 'answer_codes_lookup'").get()).toEqual({
        n: 1,
      });
      sqlite.close();

      const db = openDatabase(file);
      await migrateToLatest(db);
      const exported = await exportDataset(db, questionnaire, {
        format: "coded",
        filters: { questionnaireId: questionnaire.id, statuses: ["submitted"], languages: [], codes: {} },
        language: "en",
      });
      let csv = "";
      for await (const chunk of exported.chunks) csv += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      await db.destroy();
      expect(csv.match(/\r\n(?=[0-9a-f]{8}-)/g)).toHaveLength(250);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
