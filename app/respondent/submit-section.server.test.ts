import path from "node:path";
import SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import type { Database } from "../../db/schema";
import { respondentContextFor } from "../../tests/support/respondent-context";
import { tempDir } from "../../tests/support/test-env";
import { HONEYPOT_FIELD } from "~/components/honeypot";
import { questionnaireSchema } from "~/engine/definition";
import { ensureConsultations } from "~/models/consultation.server";
import { findResponseById, hashSecret, loadAnswers, submitResponse } from "~/models/response.server";
import demoDefinition from "~/questionnaires/demo";
import { DatabaseBusyResponse } from "~/utils/database-busy.server";
import type { RespondentContext } from "./context.server";
import { sectionFingerprint } from "./guards.server";
import { submitSection, type SectionOutcome } from "./submit-section.server";

// The resume token is keyed with the server's secret: a fixed one, not a file beside a database.
vi.hoisted(() => {
  process.env.SESSION_SECRET ??= "unit-test-secret-long-enough-0123456789abcdef";
});

const demo = questionnaireSchema.parse(demoDefinition);
const section = (id: string) => demo.sections.find((s) => s.id === id)!;

let file: string;
let db: Kysely<Database>;
beforeEach(async () => {
  file = path.join(tempDir(), "consulta.db");
  db = openDatabase(file, { busyError: () => new DatabaseBusyResponse() });
  await migrateToLatest(db);
  await ensureConsultations(db, [demo]);
});
afterEach(async () => {
  await db.destroy();
});

/** What the section route knows when a form arrives: the response of this browser, if any, as stored now. */
async function contextOf(responseId: string | null, language = "en"): Promise<RespondentContext> {
  const response = responseId ? await findResponseById(db, responseId) : undefined;
  const stored = response ? await loadAnswers(db, response.id) : { values: {}, otherTexts: {}, states: {} };
  return respondentContextFor({ questionnaire: demo, language, response, stored });
}

/** A form as the page sends it: the questions it showed and an empty honeypot, unless the test says otherwise. */
function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries({ [HONEYPOT_FIELD]: "", ...fields })) data.append(name, value);
  return data;
}
const choicesShown = { __shown: "likes_fruit,channels,size" };

const send = async (responseId: string | null, sectionId: string, fields: Record<string, string>) =>
  submitSection(db, await contextOf(responseId), section(sectionId), form(fields), null);

const responseIds = async () => (await db.selectFrom("responses").select("id").execute()).map((r) => r.id);

/** A respondent who saved the first section once; returns the response's id. */
async function started(fields: Record<string, string> = { likes_fruit: "2" }): Promise<string> {
  const outcome = await send(null, "choices", { ...choicesShown, _action: "save", ...fields });
  expect(outcome.kind).toBe("saved");
  return (await responseIds())[0]!;
}

function expectKind<K extends SectionOutcome["kind"]>(outcome: SectionOutcome, kind: K): Extract<SectionOutcome, { kind: K }> {
  expect(outcome.kind).toBe(kind);
  return outcome as Extract<SectionOutcome, { kind: K }>;
}

describe("submitSection", () => {
  it("creates the response at the first save and hands back its resume token for the browser to keep", async () => {
    const outcome = expectKind(await send(null, "choices", { ...choicesShown, _action: "save", likes_fruit: "2" }), "saved");
    const [id] = await responseIds();
    const response = await findResponseById(db, id!);
    expect(outcome.started).toBeTruthy();
    expect(response?.resume_token_hash).toBe(hashSecret(outcome.started!));
    expect((await loadAnswers(db, id!)).values).toEqual({ likes_fruit: 2 });
  });

  it("hands back no token when the browser already has its response", async () => {
    const id = await started();
    const outcome = expectKind(await send(id, "choices", { ...choicesShown, _action: "save", likes_fruit: "1" }), "saved");
    expect(outcome.started).toBeNull();
    expect(await responseIds()).toEqual([id]);
  });

  it("rejects a form whose honeypot was filled or left out, storing nothing", async () => {
    const filled = await send(null, "choices", { ...choicesShown, likes_fruit: "2", [HONEYPOT_FIELD]: "http://spam" });
    expect(expectKind(filled, "rejected").form.result).toBeNull();
    const data = new FormData();
    data.append("likes_fruit", "2");
    expect((await submitSection(db, await contextOf(null), section("choices"), data, null)).kind).toBe("rejected");
    expect(await responseIds()).toEqual([]);
  });

  it("answers a missing required answer with the errors to correct, storing nothing", async () => {
    const outcome = expectKind(await send(null, "choices", { ...choicesShown, _action: "next" }), "invalid");
    expect(Object.keys(outcome.form.result?.error ?? {})).toContain("likes_fruit");
    expect(outcome.form.shown).toEqual(["likes_fruit", "channels", "size"]);
    expect(await responseIds()).toEqual([]);
  });

  it("adds a repeated item without storing anything", async () => {
    const id = await started();
    const intent = JSON.stringify({ type: "insert", payload: { name: "example" } });
    const outcome = await send(id, "examples", { __shown: "example,agree", __intent__: intent });
    expectKind(outcome, "edited");
    expect((await loadAnswers(db, id)).values).toEqual({ likes_fruit: 2 });
  });

  it("calls a list intent that is not Conform's own unreadable", async () => {
    const outcome = await send(null, "examples", { __shown: "example,agree", __intent__: "{not json" });
    expect(outcome.kind).toBe("unreadable");
  });

  it("stops a save from a window that saw other answers than those now stored", async () => {
    const id = await started();
    const outcome = await send(id, "choices", { ...choicesShown, _action: "next", likes_fruit: "1", _saved: "another-window" });
    expect(expectKind(outcome, "conflict").form.result?.initialValue).toMatchObject({ likes_fruit: "1" });
    expect((await loadAnswers(db, id)).values).toEqual({ likes_fruit: 2 });
  });

  it("goes through when the page saw the answers now stored", async () => {
    const id = await started();
    const seen = sectionFingerprint(section("choices"), { likes_fruit: 2 }, {});
    const outcome = await send(id, "choices", { ...choicesShown, _action: "save", likes_fruit: "1", _saved: seen });
    expect(outcome.kind).toBe("saved");
  });

  it("changes nothing of a response submitted before the form arrived", async () => {
    const id = await started();
    await submitResponse(db, id);
    expect((await send(id, "choices", { ...choicesShown, _action: "save", likes_fruit: "1" })).kind).toBe("locked");
    expect((await loadAnswers(db, id)).values).toEqual({ likes_fruit: 2 });
  });

  it("changes nothing of a response submitted from elsewhere after the request first looked at it", async () => {
    const id = await started();
    const looked = await contextOf(id);
    await submitResponse(db, id);
    const outcome = await submitSection(
      db,
      looked,
      section("choices"),
      form({ ...choicesShown, _action: "save", likes_fruit: "1" }),
      null,
    );
    expect(outcome.kind).toBe("locked");
    expect((await loadAnswers(db, id)).values).toEqual({ likes_fruit: 2 });
  });

  it("keeps the page's entries when another process holds the database, storing nothing", async () => {
    const id = await started();
    const other = new SQLite(file);
    try {
      other.exec("begin immediate");
      const outcome = await send(id, "choices", { ...choicesShown, _action: "save", likes_fruit: "1", channels: "3" });
      const busy = expectKind(outcome, "busy");
      expect(busy.retryAfter).toMatch(/^\d+$/);
      expect(busy.form.result?.initialValue).toMatchObject({ likes_fruit: "1", channels: "3" });
      other.exec("rollback");
    } finally {
      other.close();
    }
    expect((await loadAnswers(db, id)).values).toEqual({ likes_fruit: 2 });
  });

  it("creates no response when the database is busy at the first save", async () => {
    const other = new SQLite(file);
    try {
      other.exec("begin immediate");
      const outcome = expectKind(await send(null, "choices", { ...choicesShown, likes_fruit: "2" }), "busy");
      expect(outcome.started).toBeNull();
      other.exec("rollback");
    } finally {
      other.close();
    }
    expect(await responseIds()).toEqual([]);
  });

  it("saves and stays when the answers reveal a question the page did not show yet", async () => {
    const id = await started();
    const outcome = expectKind(await send(id, "choices", { ...choicesShown, _action: "next", likes_fruit: "1" }), "stay");
    expect(outcome.form.shown).toEqual(["likes_fruit", "fruit", "channels", "size"]);
    const stored = await loadAnswers(db, id);
    expect(stored.values).toEqual({ likes_fruit: 1 });
    // The page shown again knows what is now stored, so its next save is no conflict.
    expect(outcome.form.fingerprint).toBe(sectionFingerprint(section("choices"), stored.values, stored.otherTexts));
  });

  it("moves on to the next section that applies, and back to the one before", async () => {
    const id = await started();
    const next = await send(id, "choices", { ...choicesShown, _action: "next", likes_fruit: "2" });
    // "opinions" applies to fruit lovers or to those who chose a channel: neither here.
    expect(expectKind(next, "section").sectionId).toBe("facts");
    expect((await findResponseById(db, id))?.current_section).toBe("facts");
    const back = await send(id, "examples", { __shown: "example,agree", _action: "back" });
    expect(expectKind(back, "section").sectionId).toBe("facts");
  });

  it("goes to the review after the last section, or back to it when the respondent came from there", async () => {
    const id = await started();
    expect((await send(id, "examples", { __shown: "example,agree", _action: "next", agree: "on" })).kind).toBe("review");
    const fromReview = await send(id, "choices", { ...choicesShown, _action: "next", likes_fruit: "2", _return: "review" });
    expect(fromReview.kind).toBe("review");
    expect((await findResponseById(db, id))?.current_section).toBe("choices");
  });
});
