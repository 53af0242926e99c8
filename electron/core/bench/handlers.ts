import type { Handlers, MethodsStartingWith } from '../handler-types';
import { abBench } from './ab';
import { compareStored, pointLatencies } from './compare';
import { benchModel } from './model-ref';
import { probeProviders } from './providers';
import { startBench } from './start';
import { removeBenchRun } from '../removal/remove';
import { PreflightError } from '../../../shared/contract/errors';
import { assumptionWarning, planInputs } from '../../../shared/bench/input-plan';

export const benchHandlers: Handlers<MethodsStartingWith<'bench/'>> = {
  'bench/remove': (core, args) => removeBenchRun(core, args.runId, args),
  'bench/providers': async (core, args) => probeProviders(core, (await benchModel(core, args.model)).path),
  'bench/inputs': async (core, args) => {
    const { version } = await benchModel(core, args.model);
    const meta = version.metadata;
    const batchSize = args.batchSize ?? 1;
    const plan = planInputs(
      meta.inputs,
      batchSize,
      { shapes: args.shapes, dims: args.dims, values: args.values },
      { seed: args.seed ?? 1, metadataProps: meta.metadataProps },
    );
    const dimNames = [
      ...new Set(
        meta.inputs.flatMap((i) => (i.shape ?? []).flatMap((d) => ('param' in d && d.param ? [d.param] : []))),
      ),
    ];
    return {
      model: { name: version.name, version: version.version, sha256: version.sha256 },
      batchSize,
      inputs: plan,
      inputsAssumed: assumptionWarning(plan),
      dimNames,
    };
  },
  'bench/start': (core, args, job) => startBench(core, args, job),
  'bench/ab': (core, args, job) => abBench(core, args, job),
  'bench/list': (core, args) => core.queries.bench.list(args.model),
  'bench/show': (core, args) => {
    const run = core.queries.bench.get(args.runId);
    if (!run)
      throw new PreflightError('NOT_FOUND', `no benchmark run ${args.runId} (see \`preflight bench --list\`)`, {
        runId: args.runId,
      });
    return run;
  },
  'bench/latencies': (core, args) => {
    const { latencies } = pointLatencies(core, args.runId, args.point);
    // Charts need a few thousand points, not millions: an even stride keeps order and shape.
    const stride = args.maxSamples ? Math.max(1, Math.ceil(latencies.length / args.maxSamples)) : 1;
    const picked =
      stride === 1
        ? Array.from(latencies)
        : Array.from({ length: Math.ceil(latencies.length / stride) }, (_, i) => latencies[i * stride]);
    return { runId: args.runId, point: args.point ?? 0, total: latencies.length, stride, latenciesMs: picked };
  },
  'bench/compare': (core, args) => compareStored(core, args),
};
