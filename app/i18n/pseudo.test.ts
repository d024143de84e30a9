import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flatten, placeholderPattern, placeholdersOf } from "./locale-tree";
import { pseudoLocale, pseudoOpen, pseudoClose, pseudoText, pseudoTree } from "./pseudo";
import { loadResources } from "./resources.server";

const visibleLength = (text: string) => [...text.replace(placeholderPattern, "")].length;

describe("pseudoText", () => {
  it("marks, accents and lengthens a text", () => {
    expect(pseudoText("Section {{index}} of {{total}}")).toBe("⟦Šéçţîöñ {{index}} öƒ {{total}} ·····⟧");
    expect(pseudoText("")).toBe("⟦⟧");
  });

  it("keeps placeholders exactly, spaces and formats included", () => {
    const text = "Wait {{ count }} {{count, number}} {{- name}} $t(common:form.next) now";
    const pseudo = pseudoText(text);
    for (const token of text.match(placeholderPattern)!) expect(pseudo).toContain(token);
    expect(placeholdersOf(pseudo)).toEqual(placeholdersOf(text));
  });

  it("keeps the placeholders of any text and lengthens it by about 35 %", () => {
    const fragment = fc.oneof(fc.string(), fc.constantFrom("{{n}}", "{{count}}", "{{ total }}", "$t(x.y)"));
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 8 }), (parts) => {
        const text = parts.join("");
        const pseudo = pseudoText(text);
        expect(pseudo.startsWith(pseudoOpen) && pseudo.endsWith(pseudoClose)).toBe(true);
        expect(placeholdersOf(pseudo)).toEqual(placeholdersOf(text));
        const inner = pseudo.slice(pseudoOpen.length, -pseudoClose.length);
        expect(visibleLength(inner)).toBeGreaterThanOrEqual(Math.ceil(visibleLength(text) * 1.35));
      }),
    );
  });
});

describe("pseudoTree", () => {
  it("keeps every key, in order, and the placeholders of every text of the real English files", () => {
    const en = loadResources(path.resolve("locales")).en!;
    const pseudo = pseudoLocale(en);
    expect(Object.keys(pseudo)).toEqual(Object.keys(en));
    for (const [namespace, tree] of Object.entries(en)) {
      const original = flatten(tree);
      const changed = flatten(pseudo[namespace]);
      expect([...changed.keys()], namespace).toEqual([...original.keys()]);
      for (const [key, text] of original) {
        const p = changed.get(key) as string;
        expect(p, key).toMatch(/^⟦[\s\S]*⟧$/);
        expect(placeholdersOf(p), key).toEqual(placeholdersOf(text as string));
        expect(p).not.toBe(text);
      }
    }
  });

  it("leaves what is not a text alone", () => {
    expect(pseudoTree({ a: "x", b: 3, c: null, d: ["y"] })).toEqual({ a: "⟦ẋ ·⟧", b: 3, c: null, d: ["y"] });
  });
});
