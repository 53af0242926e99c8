import type { DatasetDetail } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import { resolveDataset } from './resolve';

/** A dataset with its columns (kinds, notes, profiles): what `datasets/show` and `datasets/add` return. */
export function datasetDetail(core: CoreContext, ref: string): DatasetDetail {
  const { tableName: _t, ...d } = resolveDataset(core, ref);
  return { ...d, columnInfo: core.queries.datasets.columns(d.id) };
}
