import type { Workspace } from '../open';
import { benchQueries } from './bench';
import { bundleQueries } from './bundles';
import { datasetQueries } from './datasets';
import { driftQueries } from './drift';
import { producedQueries } from './produced';
import { readinessQueries } from './readiness';
import { removalQueries } from './removal';
import { settingsQueries } from './settings';

/**
 * Query sets of the later domains (datasets, bench, drift), one line each, so every handler reaches
 * its SQL through core.queries.<domain>.
 */
export function domainQueries(_workspace: Workspace) {
  return {
    bench: benchQueries(_workspace.db),
    bundles: bundleQueries(_workspace.db),
    datasets: datasetQueries(_workspace.db),
    drift: driftQueries(_workspace.db),
    produced: producedQueries(_workspace.db),
    readiness: readinessQueries(_workspace.db),
    removal: removalQueries(_workspace.db),
    settings: settingsQueries(_workspace.db),
  };
}
