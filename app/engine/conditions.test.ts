import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, referencedQuestions, type Answers } from "./conditions";
import type { Condition } from "./definition";

const answers: Answers = { org: 4, sectors: [1, 3], country: "MX", note: "hotline", empty: "", none: [] };

describe("evaluate", () => {
  it.each<[string, Condition, boolean]>([
    ["equals a code", { q: "org", equals: 4 }, true],
    ["equals another code", { q: "org", equals: 5 }, false],
    ["equals a string", { q: "country", equals: "MX" }, true],
    ["one of", { q: "org", in: [1, 4, 7] }, true],
    ["not one of", { q: "org", in: [1, 2] }, false],
    ["contains in a multiple choice", { q: "sectors", contains: 3 }, true],
    ["does not contain", { q: "sectors", contains: 2 }, false],
    ["contains in a text", { q: "note", contains: "hot" }, true],
    ["answered", { q: "note", answered: true }, true],
    ["an empty string is not answered", { q: "empty", answered: true }, false],
    ["an empty list is not answered", { q: "none", answered: true }, false],
    ["a missing question is not answered", { q: "missing", answered: true }, false],
    ["a missing question equals nothing", { q: "missing", equals: 4 }, false],
    ["not", { not: { q: "org", equals: 4 } }, false],
    ["not of a missing question", { not: { q: "missing", equals: 4 } }, true],
    [
      "all",
      {
        all: [
          { q: "org", equals: 4 },
          { q: "sectors", contains: 1 },
        ],
      },
      true,
    ],
    [
      "all with one false",
      {
        all: [
          { q: "org", equals: 4 },
          { q: "sectors", contains: 2 },
        ],
      },
      false,
    ],
    [
      "any",
      {
        any: [
          { q: "org", equals: 9 },
          { q: "sectors", contains: 1 },
        ],
      },
      true,
    ],
    [
      "nested",
      {
        any: [
          {
            not: {
              all: [
                { q: "org", equals: 4 },
                { q: "country", in: ["MX", "GT"] },
              ],
            },
          },
          { q: "missing", answered: true },
        ],
      },
      false,
    ],
  ])("%s", (_, condition, expected) => {
    expect(evaluate(condition, answers)).toBe(expected);
  });

  it("lists the questions a condition reads", () => {
    expect(
      referencedQuestions({
        all: [
          { q: "a", equals: 1 },
          {
            not: {
              any: [
                { q: "b", answered: true },
                { q: "c", in: [1] },
              ],
            },
          },
        ],
      }),
    ).toEqual(["a", "b", "c"]);
  });
});

// Conditions over three questions whose answers are small codes, to explore the logic.
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ q: fc.constantFrom("a", "b", "c"), equals: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ q: fc.constantFrom("a", "b", "c"), in: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ q: fc.constantFrom("a", "b", "c"), contains: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ q: fc.constantFrom("a", "b", "c"), answered: fc.constant(true as const) }),
);
const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ not: tie("condition") }),
    fc.record({ all: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }) }),
  ),
}));
const answerSets: fc.Arbitrary<Answers> = fc.record(
  {
    a: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant(undefined)),
    b: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
    c: fc.oneof(fc.constantFrom("", "1", "2 and 3"), fc.constant(undefined)),
  },
  { requiredKeys: [] },
);

describe("evaluate, for any condition and answers", () => {
  it("not inverts", () => {
    fc.assert(fc.property(condition, answerSets, (c, a) => evaluate({ not: c }, a) === !evaluate(c, a)));
  });
  it("obeys De Morgan's laws", () => {
    fc.assert(
      fc.property(
        condition,
        condition,
        answerSets,
        (x, y, a) => evaluate({ not: { all: [x, y] } }, a) === evaluate({ any: [{ not: x }, { not: y }] }, a),
      ),
    );
  });
  it("all and any of one condition are that condition", () => {
    fc.assert(
      fc.property(
        condition,
        answerSets,
        (c, a) => evaluate({ all: [c] }, a) === evaluate(c, a) && evaluate({ any: [c] }, a) === evaluate(c, a),
      ),
    );
  });
  it("a leaf on an unanswered question never holds", () => {
    fc.assert(fc.property(leaf, (c) => !evaluate(c, {})));
  });
});
