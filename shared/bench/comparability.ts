// Whether two measured points did the same work, so that a difference in their latencies can be
// read as a difference in speed. Isomorphic: the core decides, the UI and CLI show the reasons.
import type { BenchInput, BenchPointResult } from '../types/bench';

export interface ComparedSide {
  sha256: string;
  point: BenchPointResult;
}

const shapeText = (i: BenchInput) => `${i.dtype}[${i.shape.join(',')}]`;
// Two random sources differ only in their seed: the same distribution, the same work.
const sourceKind = (source: string) => source.replace(/, seed [0-9]+$/, '');

/** Input differences, one sentence per input that is missing on one side or differs in dtype, shape or value source. */
export function inputDifferences(a: BenchInput[], b: BenchInput[]): string[] {
  const out: string[] = [];
  const names = [...new Set([...a.map((i) => i.name), ...b.map((i) => i.name)])];
  for (const name of names) {
    const x = a.find((i) => i.name === name);
    const y = b.find((i) => i.name === name);
    if (!x || !y) {
      out.push(`input ${name} is fed only in ${x ? 'A' : 'B'}`);
      continue;
    }
    if (shapeText(x) !== shapeText(y)) out.push(`input ${name} is ${shapeText(x)} in A but ${shapeText(y)} in B`);
    else if (sourceKind(x.source) !== sourceKind(y.source))
      out.push(`input ${name} takes ${x.source} in A but ${y.source} in B`);
  }
  return out;
}

interface StoredSessionOptions {
  executionProviders?: string[];
  graphOptimizationLevel?: string;
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  extra?: { session?: { intra_op?: { allow_spinning?: string } } };
}

/** The session settings that decide speed, in words: "cpu, intra-op 1, inter-op default, spinning off, optimisation all". */
export function sessionWords(options: Record<string, unknown>): Record<string, string> {
  const o = options as StoredSessionOptions;
  const spin = o.extra?.session?.intra_op?.allow_spinning;
  return {
    EP: (o.executionProviders ?? []).join(',') || 'cpu',
    'intra-op threads': String(o.intraOpNumThreads ?? 'default'),
    'inter-op threads': String(o.interOpNumThreads ?? 'default'),
    spinning: spin === undefined ? 'default' : spin === '1' ? 'on' : 'off',
    optimisation: o.graphOptimizationLevel ?? 'all',
  };
}

/**
 * Reasons A and B are not comparable ([] when they are). `ab`: an A/B run varies the model or the
 * settings on purpose, so there only the inputs must match; a comparison of stored points also
 * needs the same model bytes, session settings and concurrency.
 */
export function comparabilityReasons(a: ComparedSide, b: ComparedSide, mode: 'compare' | 'ab'): string[] {
  const reasons = inputDifferences(a.point.inputs, b.point.inputs);
  if (mode === 'ab') return reasons;
  if (a.sha256 !== b.sha256)
    reasons.push(`the model bytes differ (A sha256:${a.sha256.slice(0, 12)}…, B sha256:${b.sha256.slice(0, 12)}…)`);
  const sa = sessionWords(a.point.sessionOptions);
  const sb = sessionWords(b.point.sessionOptions);
  const settings = Object.keys(sa).filter((k) => sa[k] !== sb[k]);
  if (settings.length)
    reasons.push(
      `the session settings differ (${settings.map((k) => `${k}: ${sa[k]} in A, ${sb[k]} in B`).join('; ')})`,
    );
  if (a.point.concurrency !== b.point.concurrency)
    reasons.push(`the concurrency differs (${a.point.concurrency} in A, ${b.point.concurrency} in B)`);
  return reasons;
}

/**
 * A point as stored before inputs listed their source (`inputs` was { name: 'float32[8,4]' }):
 * the same information in today's form, so every reader sees one shape.
 */
export function normalizePoint(p: BenchPointResult): BenchPointResult {
  if (Array.isArray(p.inputs)) return p;
  const old = (p.inputs ?? {}) as unknown as Record<string, string>;
  const inputs = Object.entries(old).map(([name, text]): BenchInput => {
    const m = /^([a-z0-9]+)\[([0-9,]*)\]$/.exec(text);
    return {
      name,
      dtype: m?.[1] ?? text,
      shape: m && m[2] ? m[2].split(',').map(Number) : [],
      source: p.inputSource ?? 'synthetic',
      declared: 'not recorded',
      assumed: [],
    };
  });
  // Such runs defaulted free dimensions to 1 and said so only among their warnings.
  const defaulted = (p.warnings ?? []).filter((w) => /free dimension .* set to 1/.test(w));
  return {
    ...p,
    inputs,
    inputShapes: old,
    inputsAssumed: p.inputsAssumed ?? (defaulted.length ? `INPUTS ASSUMED: ${defaulted.join('; ')}.` : null),
  };
}
