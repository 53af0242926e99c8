import { useEffect, useState } from 'react';
import type { ModelSummary } from '../../shared/types/models';
import { client } from '../api/client';

/** Why each model cannot feed on this dataset's columns (null: it can), asked of the core per model. */
export function useMappable(models: ModelSummary[] | undefined, dataset: string | null) {
  const [reasons, setReasons] = useState<{ key: string; byModel: Record<string, string | null> }>({
    key: '',
    byModel: {},
  });
  const key = dataset && models ? `${dataset} ${models.map((m) => `${m.name}@${m.latestVersion}`).join(',')}` : '';
  useEffect(() => {
    if (!key || !models || !dataset) return;
    let live = true;
    Promise.all(
      models.map((m) =>
        client.call('drift/mapping', { model: m.name, dataset }).then(
          (r) => [m.name, r.mapping ? null : (r.problem ?? 'its inputs cannot be fed from these columns')] as const,
          (e: unknown) => [m.name, (e as Error).message] as const,
        ),
      ),
    ).then((pairs) => live && setReasons({ key, byModel: Object.fromEntries(pairs) }));
    return () => {
      live = false;
    };
    // `key` names models and dataset exactly.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return reasons.key === key ? reasons.byModel : null;
}
