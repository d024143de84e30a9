import { placeholderPattern } from "./locale-tree";

/**
 * A pseudo-locale for tests: every text marked and lengthened, so that a page walked in it
 * shows at a glance any text that is not translatable (no ⟦ ⟧), cut off (no ⟧), or a layout
 * that breaks when a translation runs longer (German, Spanish or French often run 30 % longer).
 * Placeholders `{{name}}` and nesting `$t(key)` are kept exactly, so the texts still work.
 *
 *   "Section {{index}} of {{total}}" -> "⟦Šéçţîöñ {{index}} öƒ {{total}} ·····⟧"
 */

const accents: Record<string, string> = {
  a: "á",
  b: "ƀ",
  c: "ç",
  d: "ð",
  e: "é",
  f: "ƒ",
  g: "ĝ",
  h: "ĥ",
  i: "î",
  j: "ĵ",
  k: "ķ",
  l: "ļ",
  m: "ɱ",
  n: "ñ",
  o: "ö",
  p: "þ",
  q: "ǫ",
  r: "ŕ",
  s: "š",
  t: "ţ",
  u: "û",
  v: "ṽ",
  w: "ŵ",
  x: "ẋ",
  y: "ý",
  z: "ž",
  A: "Å",
  B: "Ɓ",
  C: "Ç",
  D: "Ð",
  E: "É",
  F: "Ƒ",
  G: "Ĝ",
  H: "Ĥ",
  I: "Î",
  J: "Ĵ",
  K: "Ķ",
  L: "Ļ",
  M: "Ṁ",
  N: "Ñ",
  O: "Ö",
  P: "Þ",
  Q: "Ǫ",
  R: "Ŕ",
  S: "Š",
  T: "Ţ",
  U: "Û",
  V: "Ṽ",
  W: "Ŵ",
  X: "Ẋ",
  Y: "Ý",
  Z: "Ž",
};

export const pseudoOpen = "⟦";
export const pseudoClose = "⟧";
/** How much longer a pseudo text is than the original, not counting placeholders and marks. */
export const pseudoPadding = 0.35;
const padCharacter = "·";

/** Marks, accents and lengthens one text; placeholders stay exactly as they are. */
export function pseudoText(text: string): string {
  let out = "";
  let visible = 0;
  let last = 0;
  const accent = (part: string) => {
    visible += [...part].length;
    return part.replace(/[A-Za-z]/g, (c) => accents[c] ?? c);
  };
  for (const m of text.matchAll(placeholderPattern)) {
    out += accent(text.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  out += accent(text.slice(last));
  const padding = Math.ceil(visible * pseudoPadding);
  return `${pseudoOpen}${out}${padding > 0 ? ` ${padCharacter.repeat(padding)}` : ""}${pseudoClose}`;
}

/** The same tree with every text pseudo-localised; keys, order and non-texts unchanged. */
export function pseudoTree<T>(tree: T): T {
  if (typeof tree === "string") return pseudoText(tree) as T;
  if (tree !== null && typeof tree === "object" && !Array.isArray(tree)) {
    return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, pseudoTree(v)])) as T;
  }
  return tree;
}

/** Every namespace of a language (namespace -> tree), pseudo-localised. */
export function pseudoLocale(namespaces: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(namespaces).map(([ns, tree]) => [ns, pseudoTree(tree)]));
}
