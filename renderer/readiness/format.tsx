import type { ReadinessEvidence, ReadinessItemId, ReadinessState } from '../../shared/types/readiness';
import { href } from '../router/index';

/** Every state has its own colour, icon and word, so the state reads without colour too. */
export const STATE_LABEL: Record<ReadinessState, string> = {
  proven: 'proven',
  stale: 'stale',
  missing: 'missing',
  attested: 'attested',
};
const STATE_ICON: Record<ReadinessState, string> = { proven: '✓', stale: '!', missing: '✕', attested: '✎' };

export function StateBadge({ state, item }: { state: ReadinessState; item?: string }) {
  return (
    <span
      className={`badge ready-badge ready-${state}`}
      data-state={state}
      title={item ? `${item}: ${STATE_LABEL[state]}` : undefined}
    >
      <span className="ready-icon" aria-hidden="true">
        {STATE_ICON[state]}
      </span>{' '}
      {STATE_LABEL[state]}
    </span>
  );
}

/** Short column headers for the list; the detail page shows the core's full titles. */
export const ITEM_SHORT: Record<ReadinessItemId, string> = {
  'loads-pinned': 'Loads, pinned',
  'latency-target': 'Latency',
  'input-drift': 'Input drift',
  'output-drift': 'Output drift',
  contracts: 'Contracts',
  reproducible: 'Replay',
  fallback: 'Fallback',
  rollback: 'Rollback',
  runbook: 'Runbook',
  retraining: 'Retraining',
};

export function countStates(states: ReadinessState[]): Record<ReadinessState, number> {
  const counts: Record<ReadinessState, number> = { proven: 0, stale: 0, missing: 0, attested: 0 };
  for (const s of states) counts[s]++;
  return counts;
}

/** "ready" or "not ready: 3 missing, 1 stale". */
export function overall(ready: boolean, counts: Record<ReadinessState, number>): string {
  if (ready) return counts.attested ? `ready (${counts.proven} proven, ${counts.attested} attested)` : 'ready';
  return `not ready: ${[counts.missing && `${counts.missing} missing`, counts.stale && `${counts.stale} stale`].filter(Boolean).join(', ')}`;
}

/** Where a piece of evidence lives in the app; null for what has no page (an attestation). */
export function evidenceHref(e: ReadinessEvidence): string | null {
  switch (e.kind) {
    case 'bench':
      return href('bench', String(e.id));
    case 'drift':
      return href('drift', String(e.id));
    case 'bundle':
    case 'verification':
      return href('bundles');
    case 'model':
      return href('models', String(e.id));
    default:
      return null;
  }
}

/** The words on an action's button, from the section its route opens. */
export function actionLabel(route: string): string {
  const [section, sub] = route.replace(/^#\/?/, '').split(/[/?]/);
  if (section === 'bench') return 'Run a benchmark';
  if (section === 'drift') return 'Check drift';
  if (section === 'bundles') return sub === 'new' ? 'Export a bundle' : 'Verify a bundle';
  if (section === 'models') return 'Open the model';
  return 'Open';
}
