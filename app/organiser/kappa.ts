/**
 * Cohen's kappa for two coders' yes/no decisions on the same items:
 * (observed agreement - chance agreement) / (1 - chance agreement).
 * Null when it is undefined (no items, or both coders constant and identical).
 */
export function cohensKappa(pairs: ReadonlyArray<readonly [boolean, boolean]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  let both = 0;
  let neither = 0;
  let firstYes = 0;
  let secondYes = 0;
  for (const [a, b] of pairs) {
    if (a && b) both++;
    if (!a && !b) neither++;
    if (a) firstYes++;
    if (b) secondYes++;
  }
  const observed = (both + neither) / n;
  const chance = (firstYes / n) * (secondYes / n) + ((n - firstYes) / n) * ((n - secondYes) / n);
  if (chance === 1) return null;
  return (observed - chance) / (1 - chance);
}

/** The share of items on which two coders made the same yes/no decision; null without items. */
export function percentAgreement(pairs: ReadonlyArray<readonly [boolean, boolean]>): number | null {
  if (pairs.length === 0) return null;
  return pairs.filter(([a, b]) => a === b).length / pairs.length;
}
