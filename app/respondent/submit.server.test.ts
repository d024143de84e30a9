import { beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { createResponse, saveSection, submitResponse } from "~/models/response.server";
import { questionnaireSchema } from "~/engine/definition";
import demoDefinition from "~/questionnaires/demo";
import { submitDraft } from "./submit.server";

const demo = questionnaireSchema.parse(demoDefinition);
let db: ReturnType<typeof openDatabase>;
beforeEach(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
  await createResponse(db, {
    id: "r1",
    questionnaireId: "demo",
    questionnaireVersion: 1,
    language: "en",
    tokenHash: "t",
    codeHash: "c",
  });
});

const answer = (variable: string, value: unknown) => ({ variable, state: "answered" as const, value: value as never });
const complete = [answer("likes_fruit", 2), answer("agree", true)];

describe("submitDraft", () => {
  it("refuses a draft whose stored answers are incomplete", async () => {
    expect(await submitDraft(db, demo, "r1", "en")).toBe("incomplete");
  });

  it("locks a complete draft once; a second submission finds it locked", async () => {
    await saveSection(db, { responseId: "r1", language: "en", currentSection: null, answers: complete, notShown: [] });
    expect(await submitDraft(db, demo, "r1", "en")).toBe("submitted");
    expect(await submitDraft(db, demo, "r1", "en")).toBe("locked");
    expect(await submitResponse(db, "r1")).toBe(false);
  });
});
