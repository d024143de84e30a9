import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay } from "./format-date";

describe("formatDateTime", () => {
  const at = "2026-12-01T07:16:00.000Z";
  it("writes English pages the British way", () => {
    expect(formatDateTime(at, "en")).toBe("1 Dec 2026, 07:16");
    expect(formatDay("2026-12-01", "en")).toBe("1 December 2026");
  });
  it("writes Spanish pages the Spanish way", () => {
    expect(formatDateTime(at, "es")).toBe("1 dic 2026, 7:16");
    expect(formatDay("2026-12-01", "es")).toBe("1 de diciembre de 2026");
  });
});
