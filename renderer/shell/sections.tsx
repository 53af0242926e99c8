import type { ComponentType } from 'react';
import { AuditScreen } from '../audit/index';
import { BenchmarksScreen } from '../bench/index';
import { BundlesScreen } from '../bundles/index';
import { DatasetsScreen } from '../datasets/index';
import { DriftScreen } from '../drift/index';
import { ModelsScreen } from '../models/index';
import { ReadinessScreen } from '../readiness/index';

/**
 * The navigation, in order; the first entry is the home (`#/` opens it). Each domain folder exports one screen component taking no props; it
 * reads its own sub-route with `useRoute()` from renderer/router (e.g. `#/bench/<runId>`) and renders
 * a `<Page title="…">` whose h1 names the section (the e2e test looks for it).
 */
export interface SectionDef {
  id: string;
  label: string;
  icon: string;
  /** Alt + this digit jumps here. */
  key: string;
  Screen: ComponentType;
}

export const SECTIONS: SectionDef[] = [
  { id: 'readiness', label: 'Readiness', icon: 'readiness', key: '1', Screen: ReadinessScreen },
  { id: 'models', label: 'Models', icon: 'models', key: '2', Screen: ModelsScreen },
  { id: 'datasets', label: 'Datasets', icon: 'datasets', key: '3', Screen: DatasetsScreen },
  { id: 'bench', label: 'Benchmarks', icon: 'bench', key: '4', Screen: BenchmarksScreen },
  { id: 'drift', label: 'Drift', icon: 'drift', key: '5', Screen: DriftScreen },
  { id: 'bundles', label: 'Bundles', icon: 'bundles', key: '6', Screen: BundlesScreen },
  { id: 'audit', label: 'Audit trail', icon: 'audit', key: '7', Screen: AuditScreen },
];
