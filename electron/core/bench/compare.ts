import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import { comparabilityReasons } from '../../../shared/bench/comparability';
import { compareRuns, decodeLatencies, withComparability } from '../../../shared/math/latency/index';
import type { BenchComparisonResult } from '../../../shared/types/bench';
import type { CoreContext } from '../context';

/** Raw latencies of one stored point, decoded; NOT_FOUND / INVALID_INPUT with a readable reason otherwise. */
export function pointLatencies(core: CoreContext, runId: number, point = 0) {
  const run = core.queries.bench.get(runId);
  if (!run)
    throw new PreflightError('NOT_FOUND', `no benchmark run ${runId} (see \`preflight bench --list\`)`, { runId });
  const result = run.results[point];
  if (!result)
    throw new PreflightError('NOT_FOUND', `run ${runId} has no point ${point} (points 0–${run.results.length - 1})`, {
      runId,
      point,
    });
  const encoded = core.queries.bench.latencies(runId, point);
  if (!encoded)
    throw new PreflightError(
      'INVALID_INPUT',
      `run ${runId} point ${point} (${result.label}) has no latencies: ${result.error ?? 'it did not run'}`,
      { runId, point },
    );
  return { run, result, latencies: decodeLatencies(encoded) };
}

/**
 * bench/compare: B against A with bootstrap CIs per percentile, a Mann–Whitney test and a plain
 * verdict — unless the two points measured different work (inputs, model bytes, session settings,
 * concurrency): then `comparable` is false, the reasons are listed and there is no verdict.
 */
export function compareStored(core: CoreContext, args: ParsedArgsOf<'bench/compare'>): BenchComparisonResult {
  const a = pointLatencies(core, args.a.runId, args.a.point);
  const b = pointLatencies(core, args.b.runId, args.b.point);
  const describe = (x: typeof a, runId: number, point: number) => ({
    runId,
    point,
    label: x.result.label,
    model: `${x.run.model.name}@${x.run.model.version}`,
    sha256: x.run.model.sha256,
    inputs: x.result.inputs,
    inputsAssumed: x.result.inputsAssumed,
  });
  const reasons = comparabilityReasons(
    { sha256: a.run.model.sha256, point: a.result },
    { sha256: b.run.model.sha256, point: b.result },
    'compare',
  );
  return {
    a: describe(a, args.a.runId, args.a.point ?? 0),
    b: describe(b, args.b.runId, args.b.point ?? 0),
    comparison: withComparability(compareRuns(a.latencies, b.latencies), reasons),
    comparable: reasons.length === 0,
    reasons,
  };
}
