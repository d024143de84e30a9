import { describe, expect, it } from "vitest";
import { DEFAULT_FORM_LIMITS, formLimitsFor } from "~/engine/form-limits";
import type { ItemQuestion, Question, Questionnaire } from "~/engine/definition";
import { groupMax, textMax } from "~/engine/limits";
import preRegm from "~/questionnaires/pre-regm";
import demo from "~/questionnaires/demo";
import { checkForm, isReadableName } from "./read-form.server";

const form = (entries: Array<[string, string | Blob]>) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

/** Everything a person could put into one question: every option ticked, every text full, every item of a group. */
function fullest(q: Question | ItemQuestion, lists: Questionnaire["lists"], prefix = ""): Array<[string, string]> {
  const name = prefix + q.id;
  switch (q.type) {
    case "multiple":
      return [...lists[q.list]!.map((o): [string, string] => [name, String(o.code)]), [`${name}__other`, "x".repeat(200)]];
    case "single":
      return [
        [name, String(lists[q.list]![0]!.code)],
        [`${name}__other`, "x".repeat(200)],
      ];
    case "text":
    case "longtext":
      return [[name, "é".repeat(textMax(q))]];
    case "matrix":
      return lists[q.rows]!.map((r): [string, string] => [`${name}.r${r.code}`, "1"]);
    case "ranking":
      return Array.from({ length: q.top }, (_, i): [string, string] => [`${name}[${i}]`, String(lists[q.list]![i]?.code ?? 1)]);
    case "group":
      return Array.from({ length: groupMax(q) }, (_, i) =>
        q.questions.flatMap((sub) => fullest(sub, lists, `${name}[${i}].`)),
      ).flat();
    default:
      return [[name, "2026-12-01"]];
  }
}

describe("a section form's limits", () => {
  for (const definition of [preRegm, demo] as Questionnaire[]) {
    it(`let the fullest form of every ${definition.id} section through`, () => {
      const limits = formLimitsFor(definition);
      for (const section of definition.sections) {
        const entries = section.questions.flatMap((q) => fullest(q, definition.lists));
        const page: Array<[string, string]> = [
          ["_action", "next"],
          ["__shown", section.questions.map((q) => q.id).join(",")],
          ["_saved", "x".repeat(22)],
          ["reference_code", ""],
          ["__intent__", JSON.stringify({ type: "remove", payload: { name: section.questions[0]!.id, index: 3 } })],
        ];
        expect(checkForm(form([...page, ...entries]), limits), section.id).toBeNull();
      }
    });
  }

  it("are far below what an attacker sends", () => {
    const limits = formLimitsFor(preRegm as Questionnaire);
    expect(checkForm(form(Array.from({ length: 40_000 }, () => ["email", "a"])), limits)).toBe("tooLarge");
    expect(checkForm(form(Array.from({ length: limits.entries + 1 }, (_, i) => [`f${i}`, "a"])), limits)).toBe("tooLarge");
    expect(checkForm(form([["about", "x".repeat(limits.valueLength + 1)]]), limits)).toBe("tooLarge");
  });
});

describe("field names", () => {
  const limits = DEFAULT_FORM_LIMITS;
  it("that the app's forms use are readable", () => {
    for (const name of ["email", "ppp_ex[0].name", "challenges.r3", "rank[2]", "f.sector", "reference_code", "__shown"]) {
      expect(isReadableName(name, limits), name).toBe(true);
    }
  });
  it("that would make Conform throw, recurse deeply or build a huge array are not", () => {
    for (const name of [
      "a" + "[0]".repeat(5000),
      "a" + ".b".repeat(5000),
      "ppp_ex[99999999].name",
      "a..b",
      "a[x]",
      "__proto__.polluted",
      "a.constructor",
      "a]",
      "",
      "x".repeat(201),
    ]) {
      expect(isReadableName(name, limits), name.slice(0, 40)).toBe(false);
    }
  });
});

describe("Conform's reserved fields", () => {
  const limits = DEFAULT_FORM_LIMITS;
  it("are refused when they are not what the app sends", () => {
    for (const state of ["{bad", "[1]", "null", "1"])
      expect(checkForm(form([["__state__", state]]), limits), state).toBe("unreadable");
    expect(checkForm(form([["__state__", new Blob(["{}"])]]), limits, true)).toBe("unreadable");
    expect(checkForm(form([["__intent__", new Blob(["{}"])]]), limits, true)).toBe("unreadable");
    expect(
      checkForm(form([["__intent__", JSON.stringify({ type: "remove", payload: { name: "g", index: 1e9 } })]]), limits),
    ).toBe("unreadable");
    expect(
      checkForm(form([["__intent__", JSON.stringify({ type: "insert", payload: { name: "a" + ".b".repeat(99) } })]]), limits),
    ).toBe("unreadable");
    expect(checkForm(form([["__state__", "{}"]]), limits)).toBeNull();
  });
  it("and files only where a form takes them", () => {
    expect(checkForm(form([["email", new Blob(["a"])]]), limits)).toBe("unreadable");
    expect(checkForm(form([["file", new Blob(["a"])]]), limits, true)).toBeNull();
  });
});
