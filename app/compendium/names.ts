/**
 * The check behind "cite without names": which of an example's names appear in a text. Case and accents
 * do not matter ("Fundación" = "fundacion"), and only whole words count ("Luz" is not found in "luzón").
 */

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Parts shorter than this are articles and initials, not names. */
const SHORTEST_NAME = 3;

/**
 * The names a field holds: the whole text and, for lists ("Banco Azul, Fundación Luz (FL)"), each part.
 * Words such as "and"/"y" separate partners too.
 */
export function namesOf(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    const whole = text.trim().replace(/\s+/g, " ");
    if (whole.length >= SHORTEST_NAME) names.add(whole);
    for (const part of whole.split(/[,;/()\n[\]]|\s(?:and|y|et|e|&)\s/i)) {
      const name = part.trim();
      if (name.length >= SHORTEST_NAME) names.add(name);
    }
  }
  return [...names];
}

/** The names that `text` contains as whole words, as they were given. */
export function namesFoundIn(text: string, names: readonly string[]): string[] {
  const folded = fold(text);
  return names.filter((name) => {
    const pattern = fold(name).split(/\s+/).map(escape).join("\\s+");
    return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "u").test(folded);
  });
}
