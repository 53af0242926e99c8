import { PreflightError } from '../../../shared/contract/errors';
import type { Handlers, MethodsStartingWith } from '../handler-types';
import { datasetColumns } from '../datasets/columns';
import { resolveModel } from '../models/show';
import { proposeMapping } from './mapping';
import { buildDatasetProfile, importProfile, storeProfile } from './profile';
import { runDrift } from './run';
import { resolveSource } from './sources';
import { removeDriftReport } from '../removal/remove';

export const driftHandlers: Handlers<MethodsStartingWith<'drift/'>> = {
  'drift/run': (core, args, job) => runDrift(core, args, job),
  'drift/list': (core) => core.queries.drift.listReports(),
  'drift/remove': (core, args) => removeDriftReport(core, args.id, args),
  'drift/show': (core, args) => {
    const report = core.queries.drift.report(args.id);
    if (!report)
      throw new PreflightError('NOT_FOUND', `no drift report ${args.id} (see \`preflight drift list\`)`, {
        id: args.id,
      });
    return report;
  },
  'drift/profile': async (core, args, job) => {
    const source = await resolveSource(core, args.dataset, job, 'dataset');
    const profile = await buildDatasetProfile(core, source, args.gridSize, job);
    const stored = storeProfile(core, profile, source.id);
    job.progress(1, `profile of ${source.name} stored (${stored.bytes} bytes)`);
    return stored;
  },
  'drift/profile-import': (core, args) => importProfile(core, args.name, args.json),
  'drift/profiles': (core) => core.queries.drift.listProfiles(),
  'drift/mapping': (core, args) => {
    const model = resolveModel(core, args.model);
    const columns = datasetColumns(core, args.dataset);
    const { mapping, problem } = proposeMapping(model.metadata.inputs, columns, core.queries.drift.mapping(model.name));
    return { mapping, problem, inputs: model.metadata.inputs, columns: columns.map((c) => c.name) };
  },
  'drift/set-mapping': (core, args) => {
    const model = resolveModel(core, args.model);
    if (args.inputs.length === 0) throw new PreflightError('BAD_ARGUMENTS', 'a mapping needs at least one input');
    const names = new Set(model.metadata.inputs.map((i) => i.name));
    for (const m of args.inputs)
      if (!names.has(m.input)) throw new PreflightError('BAD_ARGUMENTS', `model ${model.name} has no input ${m.input}`);
    core.queries.drift.saveMapping(model.name, args.inputs, new Date().toISOString());
    return { inputs: args.inputs, how: 'saved' as const };
  },
};
