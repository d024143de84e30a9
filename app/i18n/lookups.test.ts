import { describe, expect, it, vi } from "vitest";
import { fixedT, i18nFor } from "./i18next.server";

describe("translate functions made once", () => {
  it("gives the same function for a language and namespace every time", () => {
    expect(fixedT("es")).toBe(fixedT("es"));
    expect(fixedT("es", "pre-regm")).toBe(fixedT("es", "pre-regm"));
    expect(fixedT("es")).not.toBe(fixedT("en"));
  });

  it("looks a plain text up in i18next once, and every text with values each time", () => {
    const instance = i18nFor("es") as unknown as { translator: { translate: (...args: unknown[]) => unknown } };
    const translate = vi.spyOn(instance.translator, "translate");
    const t = fixedT("es");
    const first = t("errors.invalidChoice");
    expect(t("errors.invalidChoice")).toBe(first);
    expect(translate.mock.calls.filter(([key]) => key === "errors.invalidChoice")).toHaveLength(1);
    // Counts and values are put in on every call: a kept text would be wrong for another count.
    expect(t("errorSummary.heading", { count: 1 })).not.toBe(t("errorSummary.heading", { count: 3 }));
    expect(t("errorSummary.heading", { count: 3 })).toContain("3");
    translate.mockRestore();
  });
});
