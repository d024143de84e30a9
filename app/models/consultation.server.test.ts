import { describe, expect, it } from "vitest";
import { consultationState, parseDay } from "./consultation.server";
import { formatDay } from "~/utils/format-date";

describe("consultation days", () => {
  it("takes answers until the end of the closing day (UTC) and from the start of the opening day", () => {
    const dates = { opensOn: "2026-12-01", closesOn: "2026-12-15" };
    expect(consultationState(dates, new Date("2026-11-30T23:59:59Z"))).toBe("early");
    expect(consultationState(dates, new Date("2026-12-01T00:00:00Z"))).toBe("open");
    expect(consultationState(dates, new Date("2026-12-15T23:59:59Z"))).toBe("open");
    expect(consultationState(dates, new Date("2026-12-16T00:00:00Z"))).toBe("over");
    expect(consultationState({ opensOn: null, closesOn: null }, new Date("2099-01-01T00:00:00Z"))).toBe("open");
  });

  it("is closed once an organiser closed it, whatever the days say", () => {
    const closedAt = "2026-12-05T10:00:00.000Z";
    const dates = { opensOn: "2026-12-01", closesOn: "2026-12-15", closedAt };
    expect(consultationState(dates, new Date("2026-12-10T00:00:00Z"))).toBe("closed");
    expect(consultationState({ ...dates, closedAt: null }, new Date("2026-12-10T00:00:00Z"))).toBe("open");
  });

  it("reads only real calendar days", () => {
    expect(parseDay("2026-12-15")).toBe("2026-12-15");
    expect(parseDay("2028-02-29")).toBe("2028-02-29");
    for (const bad of ["2026-02-30", "2026-13-01", "15/12/2026", "2026-12-15T00:00", ""]) expect(parseDay(bad)).toBeNull();
  });

  it("writes a day in the reader's language", () => {
    expect(formatDay("2026-12-15", "es")).toBe("15 de diciembre de 2026");
    expect(formatDay("2026-12-15", "en")).toBe("15 December 2026");
  });
});

describe("consultations as records", () => {
  it("gives each served questionnaire without one a consultation by its id, once, on its latest version", async () => {
    const { migrateToLatest, openDatabase } = await import("../../db/connection");
    const { ensureConsultations, findConsultation, listConsultations } = await import("./consultation.server");
    const db = openDatabase(":memory:");
    await migrateToLatest(db);
    await ensureConsultations(db, [{ id: "pre-regm", version: 2 }]);
    await ensureConsultations(db, [{ id: "pre-regm", version: 3 }]);
    expect(await listConsultations(db)).toEqual([
      {
        id: "pre-regm",
        questionnaireId: "pre-regm",
        questionnaireVersion: 2,
        name: "pre-regm",
        region: null,
        languages: null,
        opensOn: null,
        closesOn: null,
        closedAt: null,
      },
    ]);
    expect(await findConsultation(db, "asia")).toBeUndefined();

    // A taken id writes nothing: the first consultation keeps its questionnaire, name and days.
    const { createConsultation } = await import("./consultation.server");
    const asia = {
      id: "asia",
      questionnaireId: "pre-regm",
      questionnaireVersion: 2,
      name: "REGM Asia 2021",
      region: "142",
      languages: ["en"],
      opensOn: null,
      closesOn: "2021-03-31",
    };
    expect(await createConsultation(db, asia, null)).toBe(true);
    expect(await createConsultation(db, { ...asia, name: "Another", closesOn: null }, null)).toBe(false);
    expect(await findConsultation(db, "asia")).toMatchObject({
      name: "REGM Asia 2021",
      languages: ["en"],
      closesOn: "2021-03-31",
    });
    await db.destroy();
  });
});
