import { PreflightError } from '../../../shared/contract/errors';
import type { BenchRun } from '../../../shared/types/bench';
import type { TensorInfo } from '../../../shared/types/models';
import type { CoreContext } from '../context';
import type { StoredVersion } from '../workspace/queries/models';
import type { NewBenchRun } from '../workspace/queries/bench';

/** Writes a finished run (all points in one transaction) and returns it as stored. */
export function storeRun(
  core: CoreContext,
  run: Omit<NewBenchRun, 'modelVersionId' | 'finishedAt'> & { model: StoredVersion },
): BenchRun {
  const { model, ...rest } = run;
  const runId = core.queries.bench.insertRun({
    ...rest,
    modelVersionId: model.id,
    finishedAt: new Date().toISOString(),
  });
  return core.queries.bench.get(runId)!;
}

/**
 * onnxruntime-node cannot return non-tensor outputs ("Non tensor type is temporarily not supported"),
 * so only tensor outputs are requested, with a warning naming what was left out.
 */
export function tensorOutputs(outputs: TensorInfo[]): { outputNames: string[]; warnings: string[] } {
  const tensors = outputs.filter((o) => o.kind === 'tensor');
  const others = outputs.filter((o) => o.kind !== 'tensor');
  if (tensors.length === 0) {
    throw new PreflightError(
      'INVALID_INPUT',
      `the model has no tensor outputs (${outputs.map((o) => `${o.name}: ${o.type}`).join(', ')}); onnxruntime-node can only return tensors`,
    );
  }
  const warnings = others.length
    ? [
        `non-tensor outputs ${others.map((o) => `${o.name} (${o.type})`).join(', ')} are not requested (onnxruntime-node cannot return them); timed on ${tensors.map((t) => t.name).join(', ')} only`,
      ]
    : [];
  return { outputNames: tensors.map((t) => t.name), warnings };
}
