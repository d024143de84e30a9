import { describe, expect, it } from "vitest";
import {
  addResource,
  checkPageBudget,
  cookiePairs,
  emptyWeight,
  isQuestionField,
  median,
  pageFormFields,
  percentile,
  ratio,
  renderTable,
  seededRandom,
  topFrames,
  type CpuProfile,
  weightKind,
} from "./bench-lib";

describe("percentile and median", () => {
  it("takes the nearest rank, whatever the order of the values", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(values).toEqual([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
  });

  it("says NaN for no values and refuses a percentile out of range", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(median([])).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("averages the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
  });

  it("gives NaN rather than Infinity for a ratio to zero", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(NaN, 2)).toBeNaN();
  });
});

describe("the page budget", () => {
  const page = (name: string, wire: number) => {
    const weight = emptyWeight(name, `/q/x/${name}`);
    addResource(weight, "Document", { raw: wire * 3, wire: wire - 100 });
    addResource(weight, "Stylesheet", { raw: 50, wire: 100 });
    return weight;
  };

  it("adds resources by kind and in total", () => {
    const weight = page("a", 1000);
    expect(weight.byKind.html).toEqual({ raw: 3000, wire: 900 });
    expect(weight.byKind.css).toEqual({ raw: 50, wire: 100 });
    expect(weight.total).toEqual({ raw: 3050, wire: 1000 });
    expect(weightKind("Script")).toBe("js");
    expect(weightKind("Image")).toBe("other");
  });

  it("passes a page at the limit and flags one a byte over", () => {
    const verdicts = checkPageBudget([page("at", 30720), page("over", 30721)], { maxWireBytesPerPage: 30720 });
    expect(verdicts.map((v) => [v.name, v.over])).toEqual([
      ["at", false],
      ["over", true],
    ]);
  });

  it("refuses a budget that is not a positive number", () => {
    expect(() => checkPageBudget([], { maxWireBytesPerPage: 0 })).toThrow(/maxWireBytesPerPage/);
    expect(() => checkPageBudget([], {} as never)).toThrow(/maxWireBytesPerPage/);
  });
});

describe("reading a page's form like a browser", () => {
  const html = `
    <form method="get" class="lang"><input type="hidden" name="lng" value="en"></form>
    <form method="post" data-section="about">
      <input type="hidden" name="__shown" value="org_type,country"/>
      <input type="hidden" name="_saved" value="a&amp;b&quot;c"/>
      <div class="hp"><input type="text" id="hp" name="reference_code" value=""/></div>
      <input type="text" name="role" value="Analyst"/>
      <input type="text" name="org_type__other"/>
      <input type="radio" name="org_type" value="1"/>
      <input type="text" name="chal.r1"/>
      <input type="hidden" name="gone" value="x" disabled/>
    </form>
    <form method="post" class="actions"><input type="text" name="reference_code" value=""/></form>`;

  it("keeps the section form's hidden fields and any text field that is no question's", () => {
    expect(pageFormFields(html, ["org_type", "country", "role", "chal"])).toEqual([
      ["__shown", "org_type,country"],
      ["_saved", 'a&b"c'],
      ["reference_code", ""],
    ]);
  });

  it("reads another form when asked, and fails clearly when there is none", () => {
    expect(pageFormFields(html, [], /<form\b[^>]*class="actions"/)).toEqual([["reference_code", ""]]);
    expect(() => pageFormFields("<p>nothing</p>", [])).toThrow(/No form/);
  });

  it("knows the fields that belong to a question", () => {
    for (const name of ["areas", "areas__other", "chal.r10", "ppp_ex[0].name"])
      expect(isQuestionField(name, ["areas", "chal", "ppp_ex"]), name).toBe(true);
    for (const name of ["areas2", "reference_code", "_saved"])
      expect(isQuestionField(name, ["areas", "chal", "ppp_ex"]), name).toBe(false);
  });
});

describe("cookies and the rest", () => {
  it("reads Set-Cookie headers, deleted cookies as null", () => {
    const pairs = cookiePairs(["a=1%3D; Max-Age=100; Path=/; HttpOnly", "b=; Max-Age=0; Path=/", "junk"]);
    expect([...pairs]).toEqual([
      ["a", "1%3D"],
      ["b", null],
    ]);
  });

  it("draws the same numbers from the same seed, in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(990);
  });

  it("lines numbers up on the right in a table", () => {
    expect(
      renderTable([
        ["run", "req/s"],
        ["a", "9"],
        ["bb", "1,234"],
      ]).split("\n"),
    ).toEqual(["run  req/s", "---  -----", "a        9", "bb   1,234"]);
  });
});

describe("topFrames", () => {
  const frame = (functionName: string) => ({ functionName, url: "file:///app/build/index.js", lineNumber: 9 });
  // root -> render (2 own samples) -> option (5), and root -> render -> render (recursion, 3).
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)"), hitCount: 0, children: [2] },
      { id: 2, callFrame: frame("render"), hitCount: 2, children: [3, 4] },
      { id: 3, callFrame: frame("option"), hitCount: 5 },
      { id: 4, callFrame: frame("render"), hitCount: 3 },
    ],
  };

  it("lists functions by self time and by total time, counting a recursive function's samples once", () => {
    const lines = topFrames(profile, 2);
    const bySelf = lines.slice(1, 3);
    const byTotal = lines.slice(5);
    expect(bySelf).toEqual([" 50.0% 100.0%  render build/index.js:10", " 50.0%  50.0%  option build/index.js:10"]);
    expect(byTotal).toEqual([" 50.0% 100.0%  render build/index.js:10", "  0.0% 100.0%  (root) build/index.js:10"]);
  });
});
