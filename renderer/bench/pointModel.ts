// Which model one point of a stored run measured. A sweep measures the run's model; an A/B run's
// point B may measure another model, named only in its label ("B: other@2 cpu, …").
import type { BenchPointResult, BenchRun } from '../../shared/types/bench';
import { useCall } from '../api/hooks';

export interface PointModel {
  /** NAME@VERSION */
  ref: string;
  /** null while it is being looked up, or when it cannot be (the model was removed). */
  sha256: string | null;
}

const ARM_LABEL = /^[AB]: ([A-Za-z0-9][A-Za-z0-9._-]*@[0-9]+) /;

/** NAME@VERSION of the model a point measured. */
export function pointModelRef(run: BenchRun, point: BenchPointResult | undefined): string {
  const own = `${run.model.name}@${run.model.version}`;
  if (run.kind !== 'ab' || !point) return own;
  return ARM_LABEL.exec(point.label)?.[1] ?? own;
}

/** The model (and its SHA-256) of one point; looks the hash up only when the run does not carry it. */
export function usePointModel(run: BenchRun | undefined, pointIndex: number): PointModel | null {
  const ref = run ? pointModelRef(run, run.results[pointIndex]) : '';
  const own = run ? `${run.model.name}@${run.model.version}` : '';
  const needsLookup = !!run && ref !== own;
  const shown = useCall('models/show', { ref: ref || '-' }, { skip: !needsLookup });
  if (!run) return null;
  if (!needsLookup) return { ref, sha256: run.model.sha256 };
  return { ref, sha256: shown.data?.sha256 ?? null };
}

/** Two points measured different models: by hash when both are known, else by name and version. */
export function differentModels(a: PointModel, b: PointModel): boolean {
  if (a.sha256 && b.sha256) return a.sha256 !== b.sha256;
  return a.ref !== b.ref;
}
