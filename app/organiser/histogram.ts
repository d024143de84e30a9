/** At most this many bins: enough to see a shape, few enough to read the labels. */
const MAX_BINS = 10;

export interface Bin {
  /** Lowest value of the bin. */
  from: number;
  /** Highest value (whole numbers), or the bin's upper bound, itself outside the bin (decimals). */
  to: number;
  count: number;
}

/** The smallest of 1, 2 or 5 times a power of ten that is at least `x`: bin widths people read easily. */
function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= x)!;
}

/**
 * Equal-width bins over the values (value -> how many gave it). Whole numbers get one bin per value
 * when there are few, otherwise bins of a round width; the last decimal bin includes its upper bound.
 */
export function histogramBins(counts: ReadonlyMap<number, number>, integer: boolean): Bin[] {
  const values = [...counts.keys()];
  if (!values.length) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const step = integer ? Math.max(1, niceStep((hi - lo + 1) / MAX_BINS)) : hi === lo ? 1 : niceStep((hi - lo) / MAX_BINS);
  const start = Math.floor(lo / step) * step;
  const size = integer ? Math.floor((hi - start) / step) + 1 : Math.max(1, Math.ceil((hi - start) / step));
  const bins: Bin[] = Array.from({ length: size }, (_, i) => ({
    from: start + i * step,
    to: integer ? start + (i + 1) * step - 1 : start + (i + 1) * step,
    count: 0,
  }));
  for (const [value, n] of counts) bins[Math.min(size - 1, Math.floor((value - start) / step))]!.count += n;
  return bins;
}
