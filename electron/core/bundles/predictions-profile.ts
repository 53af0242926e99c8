// The model's outputs as signals, named as prediction drift names them: "<output>" for one score,
// "<output>[j]" per class score and "<output> (class)" for the argmax class mix of a [N, C] output,
// "<output> (label)" for labels. Profiled on the reference sample at export (reference/predictions.json)
// so `validate` can check a batch's predictions without the training data.

import {
  buildCategoricalProfile,
  buildNumericProfile,
  DEFAULT_GRID_SIZE,
} from '../../../shared/math/drift-profile/index';
import type { ColumnDriftProfile, DatasetDriftProfile } from '../../../shared/types/drift';
import type { PredictOutput } from '../drift/predict-child';

const MAX_CLASSES = 10;
const NO_MISSING = { missing: 0, nan: 0, posInf: 0, negInf: 0 };

export type OutputSignal =
  | { name: string; columnType: 'label' | 'class'; counts: Map<string, number> }
  | { name: string; columnType: 'score'; sorted: Float64Array };

export function outputSignals(outputs: PredictOutput[]): OutputSignal[] {
  const signals: OutputSignal[] = [];
  for (const o of outputs) {
    if (o.kind === 'label' || !o.numbers) {
      const counts = new Map<string, number>();
      for (const l of o.labels ?? []) counts.set(l, (counts.get(l) ?? 0) + 1);
      signals.push({ name: `${o.name} (label)`, columnType: 'label', counts });
      continue;
    }
    const w = o.width;
    const n = Math.floor(o.numbers.length / w);
    if (w > 1) {
      const counts = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let j = 1; j < w; j++) if (o.numbers[i * w + j] > o.numbers[i * w + best]) best = j;
        counts.set(String(best), (counts.get(String(best)) ?? 0) + 1);
      }
      signals.push({ name: `${o.name} (class)`, columnType: 'class', counts });
    }
    for (let j = 0; j < Math.min(w, MAX_CLASSES); j++) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = o.numbers[i * w + j];
      signals.push({
        name: w > 1 ? `${o.name}[${j}]` : o.name,
        columnType: 'score',
        sorted: v.filter(Number.isFinite).sort(),
      });
    }
  }
  return signals;
}

export function predictionsProfile(
  outputs: PredictOutput[],
  rows: number,
  createdAt: string,
  dataset: string,
): DatasetDriftProfile {
  const columns: ColumnDriftProfile[] = outputSignals(outputs).map((s) => ({
    name: s.name,
    columnType: s.columnType,
    profile:
      s.columnType === 'score'
        ? buildNumericProfile(s.sorted, NO_MISSING, DEFAULT_GRID_SIZE)
        : buildCategoricalProfile(s.counts, 0),
  }));
  return { version: 1, dataset: `${dataset} (model outputs)`, rows, createdAt, gridSize: DEFAULT_GRID_SIZE, columns };
}
