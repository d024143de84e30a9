import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { ResponseRow } from "../../db/schema";
import { questionnaireSchema, type Question } from "~/engine/definition";
import { MISSING } from "~/engine/missing";
import { themeColumns, type StoredAnswer } from "./columns";
import { codedTable, type ResponseWithAnswers } from "./dataset.server";

// The sample in two versions, v2 asking an open question v1 did not: its theme columns read "not asked" for v1.
const sample = (file: string) => JSON.parse(fs.readFileSync(`tests/fixtures/definitions/${file}`, "utf8")) as never;
const v1 = questionnaireSchema.parse(sample("sample/v1.json"));
const story: Question = { id: "story", type: "longtext" };
const base = questionnaireSchema.parse(sample("sample/v2.json"));
const v2 = { ...base, sections: [{ ...base.sections[0]!, questions: [...base.sections[0]!.questions, story] }] };

const row = (id: string, version: number): ResponseRow => ({
  id,
  questionnaire_id: "sample",
  questionnaire_version: version,
  language: "en",
  status: "submitted",
  current_section: null,
  resume_token_hash: null,
  resume_code_hash: null,
  created_at: "2026-12-01T00:00:00.000Z",
  updated_at: "2026-12-01T00:00:00.000Z",
  submitted_at: "2026-12-01T00:00:00.000Z",
  invitation_id: null,
  consultation_id: null,
});
const answered = (value: unknown): StoredAnswer => ({ state: "answered", value, otherText: null });

async function* batches(): AsyncGenerator<ResponseWithAnswers[]> {
  yield [
    { response: row("a", 1), answers: new Map([["staff", answered(3)]]), codings: new Map() },
    { response: row("b", 2), answers: new Map([["story", answered("Trust first")]]), codings: new Map() },
  ];
}

describe("the coded table of a dataset pooling two versions", () => {
  it("reads a theme column as not asked where its question was not asked", async () => {
    const table = codedTable(v2, batches(), {
      versions: [v1, v2],
      themeColumns: themeColumns([story], [{ id: "t1", code: "trust" }]),
    });
    const rows: Array<Record<string, unknown>> = [];
    for await (const chunk of table.rows)
      rows.push(...chunk.map((cells) => Object.fromEntries(table.header.map((h, i) => [h, cells[i]]))));
    expect(table.header).toEqual(expect.arrayContaining(["consultation", "org", "budget", "story", "staff", "story__trust"]));
    expect(rows[0]).toMatchObject({
      consultation: "sample",
      staff: 3,
      budget: MISSING.notAsked,
      story: MISSING.notAsked,
      story__trust: MISSING.notAsked,
    });
    expect(rows[1]).toMatchObject({ staff: MISSING.notAsked, story: "Trust first", story__trust: MISSING.notCoded });
  });
});
