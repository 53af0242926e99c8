import type { Handlers, MethodsStartingWith } from '../handler-types';
import { addDataset } from './add';
import { datasetDetail } from './detail';
import { resolveDataset } from './resolve';

export const datasetHandlers: Handlers<MethodsStartingWith<'datasets/'>> = {
  'datasets/add': (core, args, job) => addDataset(core, args, job),
  'datasets/list': (core) => core.queries.datasets.list(),
  'datasets/show': (core, args) => datasetDetail(core, args.ref),
  'datasets/remove': (core, args) => {
    const d = resolveDataset(core, args.ref);
    core.queries.datasets.remove(d.id);
    return { removed: d.name };
  },
};
