import { beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { ensureConsultations } from "./consultation.server";
import { createInvitations, type NewInvitation } from "./invitation.server";

let db: ReturnType<typeof openDatabase>;
beforeEach(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
  await ensureConsultations(db, [{ id: "q", version: 1 }]);
});

const experts = (count: number): NewInvitation[] =>
  Array.from({ length: count }, (_, i) => ({
    questionnaireId: "q",
    consultationId: "q",
    name: `Expert ${i}`,
    email: `e${i}@example.org`,
    organisation: "",
    language: "en",
  }));
const stored = async () =>
  Number(
    (
      await db
        .selectFrom("invitations")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("createInvitations", () => {
  it("stores more rows than one SQLite statement can bind", async () => {
    const created = await createInvitations(db, experts(5000), null, (id) => `hash-${id}`);
    expect(created).toHaveLength(5000);
    expect(await stored()).toBe(5000);
  });

  it("stores all of them or none: a refused row in a late chunk leaves nothing behind", async () => {
    const rows = experts(4000);
    rows.push({ ...rows[0]!, name: "The same address again" });
    await expect(createInvitations(db, rows, null, (id) => `hash-${id}`)).rejects.toThrow(/UNIQUE/);
    expect(await stored()).toBe(0);
  });
});
