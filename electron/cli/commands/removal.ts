// What `models remove`, `bench remove` and `drift remove` say: what went (or would go) with it and what refers to it.
import type { RemovalResult } from '../../../shared/types/removal';

const ids = (what: string, list: number[]) =>
  list.length ? `${list.length} ${what}${list.length > 1 ? 's' : ''} (#${list.join(', #')})` : null;

export function describeRemoval(r: RemovalResult): string {
  const along = [
    ids('benchmark run', r.along.benchRuns),
    ids('drift report', r.along.driftReports),
    r.along.attestations ? `${r.along.attestations} attestation${r.along.attestations > 1 ? 's' : ''}` : null,
  ].filter(Boolean);
  const lines = [
    `${r.removed ? 'removed' : 'would remove'} ${r.target}${along.length ? ` with ${along.join(', ')}` : ''}`,
  ];
  if (r.blob)
    lines.push(
      r.blob.removed
        ? `its stored bytes (${r.blob.digest.slice(0, 12)}…) ${r.removed ? 'were' : 'would be'} deleted`
        : `its stored bytes stay: shared with ${r.blob.sharedWith.join(', ')}`,
    );
  if (r.bundles.length)
    lines.push(
      `exported from it (records and files kept): ${r.bundles.map((b) => `bundle #${b.id} ${b.path}`).join(', ')}`,
    );
  return lines.join('\n');
}

export const removeOptions = {
  force: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
} as const;
