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

describe("every date the app shows", () => {
  it("is written through this module: no page formats dates of its own or shows a raw ISO day", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !file.endsWith("format-date.ts")) {
          const source = fs.readFileSync(file, "utf8");
          // Own formatters, or an ISO timestamp cut to a day and put into a sentence.
          for (const pattern of [
            /Intl\.DateTimeFormat/,
            /toLocale(Date|Time)?String\(\s*(?!"en")/,
            /date: [^,}\n]*\.slice\(0, 10\)/,
          ])
            if (pattern.test(source)) offenders.push(`${file}: ${pattern}`);
        }
      }
    };
    visit("app");
    expect(offenders).toEqual([]);
  });
});
