// Golden replay (child process only: it loads onnxruntime): feeds the golden inputs, and compares
// every output with the one recorded at export, within |a − b| ≤ atol + rtol·|b|; NaN or ±Inf in an
// output fails whatever the recording says.

import { PreflightError } from '../../../shared/contract/errors';
import type { GoldenSet, GoldenTensor } from '../../../shared/types/bundles';
import type { Tensor } from 'onnxruntime-node';
import { type FeedType, openCpuSession, tensorOf } from '../models/session';

export interface ReplayOutcome {
  name: string;
  ok: boolean;
  compared: number;
  mismatches: number;
  nonFinite: number;
  maxAbsDiff: number | null;
  message: string;
}

const FEEDABLE = new Set<string>(['float32', 'float64', 'int32', 'int64', 'bool', 'string']);

export async function replayGolden(payload: { modelPath: string; golden: GoldenSet }): Promise<ReplayOutcome[]> {
  const { ort, session } = await openCpuSession(payload.modelPath);
  const feeds: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(payload.golden.inputs)) {
    if (!FEEDABLE.has(t.dtype))
      throw new PreflightError('INVALID_INPUT', `golden input ${name} has dtype ${t.dtype}, which replay cannot feed`);
    feeds[name] = tensorOf(ort, t.dtype as FeedType, t.values, t.shape);
  }
  const names = Object.keys(payload.golden.outputs);
  const out = await session.run(feeds, names);
  await session.release();
  const { rtol, atol } = payload.golden.tolerance;
  return names.map((name) =>
    compare(name, payload.golden.outputs[name], out[name]?.data as ArrayLike<unknown> | undefined, rtol, atol),
  );
}

export function compare(
  name: string,
  want: GoldenTensor,
  got: ArrayLike<unknown> | undefined,
  rtol: number,
  atol: number,
): ReplayOutcome {
  if (!got)
    return {
      name,
      ok: false,
      compared: 0,
      mismatches: 0,
      nonFinite: 0,
      maxAbsDiff: null,
      message: `output ${name} was not produced`,
    };
  if (got.length !== want.values.length)
    return {
      name,
      ok: false,
      compared: 0,
      mismatches: got.length,
      nonFinite: 0,
      maxAbsDiff: null,
      message: `output ${name} has ${got.length} values, the golden record has ${want.values.length}`,
    };
  let mismatches = 0;
  let nonFinite = 0;
  let maxAbsDiff = 0;
  const numeric = typeof want.values[0] === 'number';
  for (let i = 0; i < got.length; i++) {
    if (!numeric) {
      if (String(got[i]) !== String(want.values[i])) mismatches++;
      continue;
    }
    const a = Number(got[i]);
    const b = want.values[i] as number;
    if (!Number.isFinite(a)) {
      nonFinite++;
      continue;
    }
    const diff = Math.abs(a - b);
    maxAbsDiff = Math.max(maxAbsDiff, diff);
    if (diff > atol + rtol * Math.abs(b)) mismatches++;
  }
  const ok = mismatches === 0 && nonFinite === 0;
  const message = ok
    ? `${got.length} values within atol ${atol} + rtol ${rtol}${numeric ? ` (max |diff| ${maxAbsDiff.toExponential(2)})` : ''}`
    : [
        mismatches &&
          `${mismatches} of ${got.length} values differ beyond atol ${atol} + rtol ${rtol} (max |diff| ${maxAbsDiff.toExponential(2)})`,
        nonFinite && `${nonFinite} NaN/Inf values`,
      ]
        .filter(Boolean)
        .join('; ');
  return { name, ok, compared: got.length, mismatches, nonFinite, maxAbsDiff: numeric ? maxAbsDiff : null, message };
}
