import { beforeEach, describe, expect, it } from "vitest";
import type { openDatabase } from "../../db/connection";
import { InsertQueryNode } from "kysely";
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

  it("stores a whole section in one statement, adding new answers and replacing earlier ones", async () => {
    const inserts: string[] = [];
    // Sees every statement the save runs, as Kysely builds it.
    const watched = db.withPlugin({
      transformQuery: ({ node }) => {
        if (InsertQueryNode.is(node)) inserts.push(node.into?.table.identifier.name ?? "");
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const section = (story: string, more: SectionSave["answers"]): SectionSave => ({
      ...save(story),
      answers: [{ variable: "story", state: "answered", value: story }, ...more],
    });
    await saveSection(watched, section("first", [{ variable: "years", state: "empty" }]));
    await saveSection(
      watched,
      section("second", [
        { variable: "years", state: "answered", value: 4 },
        { variable: "areas", state: "answered", value: [1, 3], codes: ["1", "3"] },
      ]),
    );
    expect(inserts.filter((table) => table === "answers")).toHaveLength(2);
    const { values, states } = await loadAnswers(db, "r1");
    expect(values).toEqual({ story: "second", years: 4, areas: [1, 3] });
    expect(states).toMatchObject({ story: "answered", years: "answered", areas: "answered" });
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
