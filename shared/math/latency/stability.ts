// When to stop measuring: Triton perf_analyzer's stability rule. perf_analyzer measures in windows
// (time- or count-based) and calls a load level stable once the last `stability_window` (default 3)
// measurements each lie within ±`stability_threshold` (default 10%) of their average — checked for
// throughput and for latency. Here the caller passes one series per metric (e.g. p50 per window,
// throughput per window) and requires isStable() on each.

/**
 * True when the last `count` window values all lie within ±tolerance·|mean| of their mean, where the
 * mean is taken over those same `count` values (perf_analyzer compares each against the average of
 * the window, not against each other — so 3 values within 10% of their mean can span up to ~20%).
 *
 * False when there are fewer than `count` windows (not enough evidence yet) or any of the last
 * `count` values is not finite. A mean of 0 is stable only if all values are exactly 0.
 */
export function isStable(windows: readonly number[], tolerance = 0.1, count = 3): boolean {
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (windows.length < count) return false;
  const last = windows.slice(windows.length - count);
  if (!last.every(Number.isFinite)) return false;
  const mean = last.reduce((s, v) => s + v, 0) / count;
  const limit = tolerance * Math.abs(mean);
  return last.every((v) => Math.abs(v - mean) <= limit);
}
