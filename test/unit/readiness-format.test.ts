// The Readiness screen's pure helpers: where evidence links to, what an action's button says, the overall verdict.
import { describe, expect, it } from 'vitest';
import { actionLabel, countStates, evidenceHref, overall } from '../../renderer/readiness/format';

describe('readiness format helpers', () => {
  it('links each kind of evidence to its screen', () => {
    const e = { label: '', at: '2026-01-01T00:00:00Z', sha256: null };
    expect(evidenceHref({ ...e, kind: 'bench', id: 4 })).toBe('#/bench/4');
    expect(evidenceHref({ ...e, kind: 'drift', id: 7 })).toBe('#/drift/7');
    expect(evidenceHref({ ...e, kind: 'bundle', id: 2 })).toBe('#/bundles');
    expect(evidenceHref({ ...e, kind: 'verification', id: '2026-01-01T00:00:00Z' })).toBe('#/bundles');
    expect(evidenceHref({ ...e, kind: 'model', id: 'a b@2' })).toBe('#/models/a%20b@2');
    expect(evidenceHref({ ...e, kind: 'attestation', id: 1 })).toBeNull();
  });

  it('names the action after the screen its route opens', () => {
    expect(actionLabel('#/bench/new?model=m%401')).toBe('Run a benchmark');
    expect(actionLabel('#/drift/new?model=m%401')).toBe('Check drift');
    expect(actionLabel('#/bundles/new')).toBe('Export a bundle');
    expect(actionLabel('#/bundles')).toBe('Verify a bundle');
    expect(actionLabel('#/models/m')).toBe('Open the model');
    expect(actionLabel('#/elsewhere')).toBe('Open');
  });

  it('says ready only with nothing missing or stale, and counts what is not', () => {
    expect(overall(false, countStates(['proven', 'missing', 'missing', 'stale']))).toBe(
      'not ready: 2 missing, 1 stale',
    );
    expect(overall(false, countStates(['stale']))).toBe('not ready: 1 stale');
    expect(overall(true, countStates(['proven', 'proven']))).toBe('ready');
    expect(overall(true, countStates(['proven', 'attested']))).toBe('ready (1 proven, 1 attested)');
  });
});
