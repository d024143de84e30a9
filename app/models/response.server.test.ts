import { beforeEach, describe, expect, it } from "vitest";
import type { openDatabase } from "../../db/connection";
import { memoryDatabaseWithDraft } from "../../tests/support/db";
import { loadAnswers, saveSection, submitResponse, type SectionSave } from "./response.server";

let db: ReturnType<typeof openDatabase>;
beforeEach(async () => {
  db = await memoryDatabaseWithDraft("q");
});

const save = (value: string, language = "en"): SectionSave => ({
  responseId: "r1",
  language,
  currentSection: "s1",
  answers: [{ variable: "story", state: "answered", value }],
  notShown: ["hidden"],
});

describe("saveSection", () => {
  it("stores a draft's answers", async () => {
    expect(await saveSection(db, save("first"))).toBe("saved");
    expect((await loadAnswers(db, "r1")).values).toEqual({ story: "first" });
  });

  it("changes nothing in a response submitted after the save's page was read", async () => {
    await saveSection(db, save("first"));
    // The save below was read and validated while the response was a draft; the submission came in between.
    await submitResponse(db, "r1");
    const before = await db.selectFrom("responses").selectAll().where("id", "=", "r1").executeTakeFirstOrThrow();

    expect(await saveSection(db, save("changed after submission", "es"))).toBe("locked");
    expect((await loadAnswers(db, "r1")).values).toEqual({ story: "first" });
    expect(await db.selectFrom("responses").selectAll().where("id", "=", "r1").executeTakeFirstOrThrow()).toEqual(before);
  });
});
