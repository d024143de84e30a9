import { beforeEach, describe, expect, it } from "vitest";
import type { openDatabase } from "../../db/connection";
import { memoryDatabaseWithDraft } from "../../tests/support/db";
import { respondentContextFor } from "../../tests/support/respondent-context";
import { HONEYPOT_FIELD } from "~/components/honeypot";
import { findResponseById, saveSection, submitResponse } from "~/models/response.server";
import { questionnaireSchema } from "~/engine/definition";
import demoDefinition from "~/questionnaires/demo";
import type { RespondentContext } from "./context.server";
import { submitDraft, submitReview } from "./submit.server";

const demo = questionnaireSchema.parse(demoDefinition);
let db: ReturnType<typeof openDatabase>;
beforeEach(async () => {
  db = await memoryDatabaseWithDraft("demo");
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

describe("submitReview", () => {
  const contextOf = async (responseId: string | null): Promise<RespondentContext> =>
    respondentContextFor({
      questionnaire: demo,
      response: responseId ? await findResponseById(db, responseId) : undefined,
      stored: { values: {}, otherTexts: {}, states: {} },
    });
  const form = (honeypot: string | null = "") => {
    const data = new FormData();
    if (honeypot !== null) data.append(HONEYPOT_FIELD, honeypot);
    return data;
  };

  it("rejects a form whose honeypot was filled or left out, submitting nothing", async () => {
    await saveSection(db, { responseId: "r1", language: "en", currentSection: null, answers: complete, notShown: [] });
    expect(await submitReview(db, await contextOf("r1"), form("spam"))).toBe("rejected");
    expect(await submitReview(db, await contextOf("r1"), form(null))).toBe("rejected");
    expect((await findResponseById(db, "r1"))?.status).toBe("draft");
  });

  it("finds nothing to submit in a browser without a draft", async () => {
    expect(await submitReview(db, await contextOf(null), form())).toBe("unstarted");
  });

  it("tells a response submitted before the form arrived from one submitted meanwhile", async () => {
    await saveSection(db, { responseId: "r1", language: "en", currentSection: null, answers: complete, notShown: [] });
    const looked = await contextOf("r1");
    expect(await submitReview(db, looked, form())).toBe("submitted");
    expect(await submitReview(db, await contextOf("r1"), form())).toBe("alreadySubmitted");
    expect(await submitReview(db, looked, form())).toBe("locked");
  });

  it("refuses a complete draft once the consultation is over, keeping it a draft", async () => {
    await saveSection(db, { responseId: "r1", language: "en", currentSection: null, answers: complete, notShown: [] });
    const over = respondentContextFor({
      questionnaire: demo,
      response: await findResponseById(db, "r1"),
      stored: { values: {}, otherTexts: {}, states: {} },
      days: { opensOn: null, closesOn: "2026-01-31", state: "over" },
    });
    expect(await submitReview(db, over, form())).toBe("closed");
    expect((await findResponseById(db, "r1"))?.status).toBe("draft");
  });

  it("refuses an incomplete draft", async () => {
    expect(await submitReview(db, await contextOf("r1"), form())).toBe("incomplete");
  });
});
