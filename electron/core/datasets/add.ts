import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import type { DatasetDetail } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';

/** datasets/add (being written). */
export async function addDataset(_core: CoreContext, _args: ParsedArgsOf<'datasets/add'>, _job: JobContext): Promise<DatasetDetail> {
  throw new PreflightError('INTERNAL', 'datasets/add is not implemented yet');
}
