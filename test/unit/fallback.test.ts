// The confidence-gated fallback's numbers, checked against a direct count on small hand-made cases.
import { describe, expect, it } from 'vitest';
import {
  confidenceHistogram,
  confidencesOf,
  gateCurve,
  labelIndices,
  measureGate,
  thresholdForRate,
  type Confidences,
} from '../../shared/math/fallback';

const conf = (values: number[], width: number) => confidencesOf(values, width) as Confidences;

describe('confidence from a model output', () => {
  it('is the top class probability of a [N, C] output, and max(p, 1 − p) of a single score', () => {
    const c = conf([0.9, 0.1, 0.4, 0.6, 0.5, 0.5], 2);
    expect(Array.from(c.values)).toEqual([0.9, 0.6, 0.5]);
    expect(Array.from(c.predicted)).toEqual([0, 1, 0]);
    const s = conf([0.2, 0.7, 0.5], 1);
    expect(Array.from(s.values)).toEqual([0.8, 0.7, 0.5]);
    expect(Array.from(s.predicted)).toEqual([0, 1, 1]);
    expect(s.rule).toBe('binary-score');
  });

  it('refuses logits and raw scores instead of inventing a probability', () => {
    expect(confidencesOf([2.3, -1.2], 2)).toEqual({ reason: expect.stringMatching(/outside \[0, 1\]/) });
    expect(confidencesOf([0.5, 0.5, 0.5], 2)).toEqual({ reason: expect.stringMatching(/multiple/) });
  });
});

describe('the gate', () => {
  const c = conf([0.95, 0.05, 0.85, 0.15, 0.7, 0.3, 0.55, 0.45, 0.3, 0.7], 2); // confidences .95 .85 .7 .55 .7, predicted 0 0 0 0 1
  const labels = Int32Array.from([0, 1, 0, 1, 1]);

  it('automation rate and accuracy above/below equal a direct count', () => {
    const m = measureGate(c, 0.7, labels);
    // ≥ 0.7: rows 0, 1, 2, 4 (4 of 5); correct among them: rows 0, 2, 4 → 3/4; below: row 3, wrong → 0.
    expect(m).toEqual({ automationRate: 0.8, accuracyAbove: 0.75, accuracyBelow: 0 });
    expect(measureGate(c, 0.7, null)).toEqual({ automationRate: 0.8, accuracyAbove: null, accuracyBelow: null });
  });

  it('the threshold for a target rate decides at least that share, and is the highest that does', () => {
    for (const rate of [0.2, 0.4, 0.6, 0.8, 1]) {
      const t = thresholdForRate(c.values, rate);
      expect(measureGate(c, t, null).automationRate).toBeGreaterThanOrEqual(rate - 1e-12);
      const higher = Array.from(c.values).filter((v) => v > t);
      if (higher.length) expect(measureGate(c, Math.min(...higher), null).automationRate).toBeLessThan(rate);
    }
  });

  it('labels missing from a row are left out of the accuracy; class names come from the model', () => {
    expect(Array.from(labelIndices(['repay', 'default', '', null, '1', true], ['repay', 'default']))).toEqual([
      0, 1, -1, -1, 1, 1,
    ]);
    const m = measureGate(c, 0.7, Int32Array.from([0, -1, -1, -1, 1]));
    expect(m.accuracyAbove).toBe(1);
    expect(m.accuracyBelow).toBeNull();
  });

  it('histogram and curve cover [0, 1]', () => {
    const h = confidenceHistogram(Float64Array.from([0, 0.05, 0.999, 1]));
    expect(h.edges).toHaveLength(21);
    expect(h.counts[0]).toBe(1);
    expect(h.counts[1]).toBe(1);
    expect(h.counts[19]).toBe(2);
    const curve = gateCurve(c, labels);
    expect(curve[0]).toMatchObject({ threshold: 0, automationRate: 1 });
    expect(curve[20]).toMatchObject({ threshold: 1, automationRate: 0, accuracyAbove: null });
    for (let i = 1; i < curve.length; i++)
      expect(curve[i].automationRate).toBeLessThanOrEqual(curve[i - 1].automationRate);
  });
});
