import { describe, expect, it } from "vitest";
import { memoryDatabaseWithDraft } from "../../tests/support/db";
import { createResponse } from "./response.server";
import { createCitationRequest, gatherSources, leaveDirectory, listEntries } from "./compendium.server";
import { eraseRespondent } from "./erasure.server";
import { queueMessages } from "./outbox.server";

async function twoResponses() {
  const db = await memoryDatabaseWithDraft("pre-regm");
  await createResponse(db, {
    id: "r2",
    questionnaireId: "pre-regm",
    questionnaireVersion: 1,
    language: "es",
    tokenHash: "t2",
    codeHash: "c2",
  });
  return db;
}

describe("compendium entries", () => {
  it("merge examples into the entry one of them has, and drop the entries left empty", async () => {
    const db = await twoResponses();
    const first = await gatherSources(db, {
      questionnaireId: "pre-regm",
      sources: [{ responseId: "r1", index: 0 }],
      actorId: null,
    });
    const second = await gatherSources(db, {
      questionnaireId: "pre-regm",
      sources: [{ responseId: "r2", index: 1 }],
      actorId: null,
    });
    expect(first.created && second.created).toBe(true);
    const merged = await gatherSources(db, {
      questionnaireId: "pre-regm",
      sources: [
        { responseId: "r2", index: 1 },
        { responseId: "r1", index: 0 },
      ],
      actorId: null,
    });
    expect(merged.created).toBe(false);
    const entries = await listEntries(db, "pre-regm");
    expect(entries).toHaveLength(1);
    expect(entries[0]!.sources).toEqual([
      { responseId: "r1", index: 0 },
      { responseId: "r2", index: 1 },
    ]);
  });

  it("go with an erased respondent: examples, permission requests and their e-mails, directory exit", async () => {
    const db = await twoResponses();
    await gatherSources(db, {
      questionnaireId: "pre-regm",
      sources: [
        { responseId: "r1", index: 0 },
        { responseId: "r2", index: 0 },
      ],
      actorId: null,
    });
    await createCitationRequest(db, { responseId: "r1", index: 0, tokenHash: "h", requestedBy: null });
    await queueMessages(
      db,
      [
        {
          invitationId: null,
          responseId: "r1",
          kind: "citation",
          to: "a@example.org",
          replyTo: null,
          subject: "s",
          text: "t",
          html: "h",
        },
      ],
      "example.org",
    );
    await leaveDirectory(db, "r1");
    await eraseRespondent(db, { by: "response", id: "r1" });
    for (const table of ["citation_requests", "outbox", "directory_exits"] as const)
      expect(await db.selectFrom(table).selectAll().execute()).toEqual([]);
    expect((await listEntries(db, "pre-regm"))[0]!.sources).toEqual([{ responseId: "r2", index: 0 }]);
    // With its last example, the entry goes: its wording came from the examples.
    await eraseRespondent(db, { by: "response", id: "r2" });
    expect(await listEntries(db, "pre-regm")).toEqual([]);
  });
});
