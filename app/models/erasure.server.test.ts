import { beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { eraseRespondent, purgeStaleDrafts } from "./erasure.server";
import { queueMessageOnce, receiptMessageId } from "./outbox.server";
import { createResponse, reopenResponse, submitResponse } from "./response.server";

let db: ReturnType<typeof openDatabase>;
beforeEach(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
});

async function response(id: string, updatedDaysAgo: number, submitted = false, reopened = false) {
  await createResponse(db, {
    id,
    questionnaireId: "q",
    questionnaireVersion: 1,
    language: "en",
    tokenHash: `t${id}`,
    codeHash: `c${id}`,
  });
  if (submitted) await submitResponse(db, id);
  if (reopened) await reopenResponse(db, id, { actorId: "someone", reason: "asked to correct a figure" });
  await db
    .updateTable("responses")
    .set({ updated_at: new Date(Date.now() - updatedDaysAgo * 86_400_000).toISOString() })
    .where("id", "=", id)
    .execute();
}

describe("purgeStaleDrafts", () => {
  it("deletes drafts untouched since the cut-off, and nothing else", async () => {
    await response("old-draft", 200);
    await response("new-draft", 10);
    await response("old-submitted", 400, true);
    const purged = await purgeStaleDrafts(db, new Date(Date.now() - 180 * 86_400_000).toISOString());
    expect(purged).toBe(1);
    const left = await db.selectFrom("responses").select("id").orderBy("id").execute();
    expect(left.map((r) => r.id)).toEqual(["new-draft", "old-submitted"]);
  });

  it("keeps a reopened response however long its respondent takes", async () => {
    await db
      .insertInto("users")
      .values({
        id: "someone",
        email: "a@example.org",
        name: "A",
        role: "admin",
        password_hash: "x",
        created_at: "",
        disabled_at: null,
        totp_secret: null,
        totp_enabled_at: null,
        lead_coder: 0,
      })
      .execute();
    await response("reopened", 400, true, true);
    expect(await purgeStaleDrafts(db, new Date(Date.now() - 180 * 86_400_000).toISOString())).toBe(0);
    expect((await db.selectFrom("responses").select("status").execute()).map((r) => r.status)).toEqual(["draft"]);
  });
});

describe("eraseRespondent", () => {
  it("erases a response's receipt e-mail with it, and nobody else's", async () => {
    await response("kept", 1, true);
    await response("erased", 1, true);
    const receipt = (id: string) =>
      queueMessageOnce(
        db,
        { invitationId: null, kind: "receipt", to: `${id}@example.org`, replyTo: null, subject: "s", text: "t", html: "h" },
        receiptMessageId(id, "example.org"),
      );
    expect([await receipt("kept"), await receipt("erased"), await receipt("erased")]).toEqual([true, true, false]);
    await eraseRespondent(db, { by: "response", id: "erased" });
    const left = await db.selectFrom("outbox").select("to_address").execute();
    expect(left).toEqual([{ to_address: "kept@example.org" }]);
  });
});
