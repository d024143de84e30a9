import { beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { ensureConsultations } from "~/models/consultation.server";
import { readConsultationChoice } from "./current-consultation.server";

let db: ReturnType<typeof openDatabase>;
const NOW = new Date("2026-12-01T12:00:00Z");

async function addConsultation(id: string, createdAt: string, fields: { closes_on?: string; closed_at?: string } = {}) {
  await db
    .insertInto("consultations")
    .values({
      id,
      questionnaire_id: "pre-regm",
      questionnaire_version: 1,
      name: id,
      created_at: createdAt,
      updated_at: createdAt,
      ...fields,
    })
    .execute();
}

const choose = (params: Record<string, string>, allowAll = true) =>
  readConsultationChoice(db, new URLSearchParams(params), { allowAll }, NOW);

// Created after the consultation made at start (now), in this order: the newest are closed, by day or by hand.
beforeEach(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
  await ensureConsultations(db, [{ id: "pre-regm", version: 1 }]);
  await addConsultation("asia", "2099-01-01T00:00:00.000Z");
  await addConsultation("africa", "2099-01-02T00:00:00.000Z", { closes_on: "2026-11-30" });
  await addConsultation("oceania", "2099-01-03T00:00:00.000Z", { closed_at: "2026-11-21T00:00:00.000Z" });
});

describe("the consultation an organiser page is about", () => {
  it("defaults to the newest open consultation: neither past its closing day nor closed", async () => {
    const choice = await choose({});
    expect(choice?.consultation?.id).toBe("asia");
    expect(choice?.params).toEqual({});
  });

  it("takes `c`, keeps `?q=<id>` meaning the consultation named by the questionnaire, and says so in its links", async () => {
    expect((await choose({ c: "africa" }))?.params).toEqual({ q: "pre-regm", c: "africa" });
    const byQuestionnaire = await choose({ q: "pre-regm" });
    expect(byQuestionnaire?.consultation?.id).toBe("pre-regm");
    expect(byQuestionnaire?.params).toEqual({ q: "pre-regm" });
  });

  it("reads `all` only where the page allows it, and names nothing it does not serve", async () => {
    const all = await choose({ c: "all" });
    expect(all?.consultation).toBeNull();
    expect(all?.scope).toEqual({ questionnaireId: "pre-regm", consultationId: null });
    expect((await choose({ c: "all" }, false))?.consultation?.id).toBe("asia");
    expect(await choose({ c: "atlantis" })).toBeUndefined();
    expect(await choose({ q: "no-such-questionnaire" })).toBeUndefined();
  });
});
