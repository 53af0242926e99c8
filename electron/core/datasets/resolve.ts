import { PreflightError } from '../../../shared/contract/errors';
import type { CoreContext } from '../context';
import type { StoredDataset } from '../workspace/queries/datasets';

/** A dataset by name (as given to `datasets add --name`), or NOT_FOUND with the names that exist. */
export function resolveDataset(core: CoreContext, ref: string): StoredDataset {
  const found = core.queries.datasets.byName(ref);
  if (found) return found;
  const names = core.queries.datasets.list().map((d) => d.name);
  const hint = names.length
    ? ` (datasets: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''})`
    : ' (see `preflight datasets list`)';
  throw new PreflightError('NOT_FOUND', `no dataset ${ref}${hint}`, { ref });
}
