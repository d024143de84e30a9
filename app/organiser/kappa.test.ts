import { describe, expect, it } from "vitest";
import { cohensKappa, percentAgreement } from "./kappa";

const repeat = (pair: readonly [boolean, boolean], times: number) => Array.from({ length: times }, () => pair);

describe("cohensKappa", () => {
  it("matches the worked example: 50 items, 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no gives 0.4", () => {
    // Observed agreement 35/50 = 0.7; chance 0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa (0.7 - 0.5) / 0.5 = 0.4.
    const pairs = [
      ...repeat([true, true], 20),
      ...repeat([true, false], 5),
      ...repeat([false, true], 10),
      ...repeat([false, false], 15),
    ];
    expect(cohensKappa(pairs)).toBeCloseTo(0.4, 10);
  });

  it("is 1 for perfect agreement and below 0 for systematic disagreement", () => {
    expect(cohensKappa([...repeat([true, true], 3), ...repeat([false, false], 4)])).toBe(1);
    expect(cohensKappa([...repeat([true, false], 3), ...repeat([false, true], 3)])).toBe(-1);
  });

  it("is undefined with no items or when both coders never vary", () => {
    expect(cohensKappa([])).toBeNull();
    expect(cohensKappa(repeat([false, false], 5))).toBeNull();
  });
});

describe("percentAgreement", () => {
  it("is the share of items both coders decided alike, undefined without items", () => {
    expect(percentAgreement([...repeat([true, true], 20), ...repeat([true, false], 5), ...repeat([false, false], 15)])).toBe(
      35 / 40,
    );
    // Both coders never tag the theme: full agreement, though kappa is undefined.
    expect(percentAgreement(repeat([false, false], 5))).toBe(1);
    expect(percentAgreement([])).toBeNull();
  });
});
