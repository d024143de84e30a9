import { describe, expect, it } from "vitest";
import { histogramBins } from "./histogram";

describe("histogram bins", () => {
  it("gives few whole numbers a bin each, gaps included", () => {
    expect(
      histogramBins(
        new Map([
          [1, 2],
          [3, 1],
        ]),
        true,
      ),
    ).toEqual([
      { from: 1, to: 1, count: 2 },
      { from: 2, to: 2, count: 0 },
      { from: 3, to: 3, count: 1 },
    ]);
  });

  it("groups a wide range of whole numbers in round bins, every value counted once", () => {
    const counts = new Map([
      [0, 1],
      [37, 2],
      [99, 1],
      [100, 4],
    ]);
    const bins = histogramBins(counts, true);
    expect(bins.length).toBeLessThanOrEqual(11);
    expect(bins[0]).toEqual({ from: 0, to: 19, count: 1 });
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(8);
    expect(bins.at(-1)).toEqual({ from: 100, to: 119, count: 4 });
  });

  it("puts the largest decimal in the last bin, and a single value in one bin", () => {
    const bins = histogramBins(
      new Map([
        [0, 1],
        [2.5, 1],
        [10, 1],
      ]),
      false,
    );
    expect(bins.at(-1)).toEqual({ from: 9, to: 10, count: 1 });
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(3);
    expect(histogramBins(new Map([[4.2, 3]]), false)).toEqual([{ from: 4, to: 5, count: 3 }]);
  });

  it("has no bins without values", () => {
    expect(histogramBins(new Map(), true)).toEqual([]);
  });
});
