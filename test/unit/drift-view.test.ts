// The drift screen and the HTML report draw from the same pure builders (shared/drift-view), and the
// heatmap's colour follows each cell's own test: for p-values lower is worse, for distances higher.
import { describe, expect, it } from 'vitest';
import * as reportModule from '../../electron/core/reports/drift';
import * as screenCharts from '../../renderer/drift/charts';
import { heatmapOption, overlayOption, windowShareOption } from '../../shared/drift-view/charts';
import { cellSeverity, describeCell, heatPiece } from '../../shared/drift-view/severity';
import type { FeatureDrift, TimeWindows } from '../../shared/types/drift';

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('drift view builders', () => {
  it('are one set of functions for the screen and the report', () => {
    expect(screenCharts.overlayOption).toBe(overlayOption);
    expect(screenCharts.heatmapOption).toBe(heatmapOption);
    expect(screenCharts.windowShareOption).toBe(windowShareOption);
    expect(typeof reportModule.driftReportHtml).toBe('function');
  });

  it('colours a cell drifted exactly when its test says drifted, p-values lower-is-worse', () => {
    const rand = rng(9);
    for (let i = 0; i < 2000; i++) {
      const pValue = rand() < 0.5;
      const threshold = pValue ? [0.05, 0.01, 0.001][i % 3] : [0.1, 0.2, 0.05][i % 3];
      const score = pValue ? 10 ** (-6 * rand()) : rand() * 3 * threshold;
      const drifted = pValue ? score < threshold : score >= threshold;
      const sev = cellSeverity(
        { scoreKind: pValue ? 'p_value' : 'distance', threshold },
        { score, drifted, rows: 10 },
      )!;
      expect(heatPiece(sev).label.startsWith('drifted')).toBe(drifted);
    }
    const p = (score: number) =>
      cellSeverity({ scoreKind: 'p_value', threshold: 0.05 }, { score, drifted: score < 0.05, rows: 1 })!;
    // Lower p is worse: severity grows as p falls; p = threshold² is "drifted strongly".
    expect(p(0.5)).toBeLessThan(p(0.1));
    expect(p(0.01)).toBeLessThan(p(0.001));
    expect(heatPiece(p(0.0024)).label).toBe('drifted strongly');
    expect(heatPiece(p(0.9)).label).toBe('stable, far from the threshold');
  });

  it('describes a cell with its direction and row count; the trend chart names its y axis', () => {
    const f = { name: 'x', scoreKind: 'p_value', threshold: 0.05 } as FeatureDrift;
    expect(describeCell(f, { score: 0.003, drifted: true, rows: 1234 })).toBe(
      'p = 0.0030 (lower is worse; drifted below 0.05) · drifted · 1,234 rows',
    );
    const w = {
      column: 't',
      unit: 'day',
      windows: [{ start: '2026-01-01', label: '2026-01-01', rows: 5, driftShare: 0.5, detected: true }],
      features: ['x'],
      cells: [[{ score: 0.003, drifted: true, rows: 5 }]],
      firstDrift: { x: '2026-01-01' },
      skippedRows: 0,
    } as TimeWindows;
    expect(windowShareOption(w, 0.5).yAxis.name).toMatch(/features drifted/);
    const data = heatmapOption(w, [f]).series[0].data[0];
    expect(data[3]).toMatch(/5 rows$/);
  });
});
