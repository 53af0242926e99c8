// Confidence-gated fallback: how often a model would decide on its own at a confidence threshold,
// and how accurate it is above and below it. Pure and isomorphic: the export computes it on the
// reference rows, the UI redraws the curve as the user moves the threshold, validate re-measures it.

export type ConfidenceRule = 'max-class-probability' | 'binary-score';

export interface Confidences {
  rule: ConfidenceRule;
  /** One per scored row. */
  values: Float64Array;
  /** Predicted class per row (argmax, or score ≥ 0.5 for one score). */
  predicted: Int32Array;
}

/**
 * Reads a row-major output of `width` values per row as probabilities. Returns a reason instead when
 * the output is not one (values outside [0, 1] are logits or raw scores: a threshold on them is not
 * a confidence).
 */
export function confidencesOf(values: ArrayLike<number>, width: number): Confidences | { reason: string } {
  if (width < 1 || values.length % width !== 0)
    return { reason: `output has ${values.length} values, not a multiple of its width ${width}` };
  const rows = values.length / width;
  if (rows === 0) return { reason: 'no rows were scored' };
  const out = new Float64Array(rows);
  const predicted = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 0; j < width; j++) {
      const v = values[i * width + j];
      if (!(v >= -1e-6 && v <= 1 + 1e-6))
        return { reason: `values outside [0, 1] (e.g. ${v}): these are scores or logits, not probabilities` };
      if (v > values[i * width + best]) best = j;
    }
    if (width === 1) {
      const s = values[i];
      out[i] = Math.max(s, 1 - s);
      predicted[i] = s >= 0.5 ? 1 : 0;
    } else {
      out[i] = values[i * width + best];
      predicted[i] = best;
    }
  }
  return { rule: width === 1 ? 'binary-score' : 'max-class-probability', values: out, predicted };
}

/** The highest threshold at which at least `rate` of the rows are decided by the model. */
export function thresholdForRate(conf: Float64Array, rate: number): number {
  const sorted = Float64Array.from(conf).sort().reverse();
  const k = Math.min(sorted.length, Math.max(1, Math.ceil(rate * sorted.length)));
  return sorted[k - 1];
}

export interface GateMeasure {
  automationRate: number;
  accuracyAbove: number | null;
  accuracyBelow: number | null;
}

/** Share of rows at or above `threshold`; with labels, the accuracy on each side (null where a side is empty). */
export function measureGate(c: Confidences, threshold: number, labels: Int32Array | null): GateMeasure {
  let above = 0;
  // [labelled, right] per side
  const side = { above: [0, 0], below: [0, 0] };
  for (let i = 0; i < c.values.length; i++) {
    const isAbove = c.values[i] >= threshold;
    if (isAbove) above++;
    if (labels && labels[i] >= 0) {
      const s = isAbove ? side.above : side.below;
      s[0]++;
      if (labels[i] === c.predicted[i]) s[1]++;
    }
  }
  const accuracy = (s: number[]) => (labels && s[0] ? s[1] / s[0] : null);
  return {
    automationRate: above / Math.max(1, c.values.length),
    accuracyAbove: accuracy(side.above),
    accuracyBelow: accuracy(side.below),
  };
}

/** 20 equal bins over [0, 1] (the last one closed). */
export function confidenceHistogram(conf: Float64Array): { edges: number[]; counts: number[] } {
  const edges = Array.from({ length: 21 }, (_, i) => i / 20);
  const counts = new Array<number>(20).fill(0);
  for (const v of conf) counts[Math.min(19, Math.max(0, Math.floor(v * 20)))]++;
  return { edges, counts };
}

/** Automation rate and accuracy above, at thresholds 0, 0.05, …, 1. */
export function gateCurve(
  c: Confidences,
  labels: Int32Array | null,
): { threshold: number; automationRate: number; accuracyAbove: number | null }[] {
  return Array.from({ length: 21 }, (_, i) => {
    const threshold = i / 20;
    const m = measureGate(c, threshold, labels);
    return { threshold, automationRate: m.automationRate, accuracyAbove: m.accuracyAbove };
  });
}

/**
 * Labels as class indices: numbers are indices, text is looked up in `classes` (the model's class
 * names, when its metadata has them) or read as an integer; booleans are 0/1. −1 marks a row whose
 * label is missing or unknown (left out of the accuracy).
 */
export function labelIndices(raw: readonly unknown[], classes: string[] | null): Int32Array {
  const out = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    let k = -1;
    if (typeof v === 'number' && Number.isInteger(v)) k = v;
    else if (typeof v === 'boolean') k = v ? 1 : 0;
    else if (typeof v === 'string' && v !== '') {
      const named = classes ? classes.indexOf(v) : -1;
      k = named >= 0 ? named : /^-?\d+$/.test(v) ? Number(v) : v === 'true' ? 1 : v === 'false' ? 0 : -1;
    }
    out[i] = k;
  }
  return out;
}
