// Small, seeded inputs shared by the contract scenarios: the demo's credit-risk model and a few hundred
// rows of its training and production data (production drifts week by week), written once per file.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { DEMO_FEATURES, productionCsv, trainingCsv } from '../../electron/core/demo/data';
import { demoModelBytes } from '../../electron/core/demo/model';
import { tempDir } from '../helpers/workspace';
import type { Intent } from './intent';

export const FEATURES = [...DEMO_FEATURES];
export const MAPPING = [{ input: 'features', columns: FEATURES }];

export interface Files {
  dir: string;
  model: string;
  training: string;
  production: string;
}

/** Writes the files for this test file (removed after it). */
export function useFiles(rows = 300): Files {
  const tmp = tempDir('preflight-contract-');
  afterAll(() => tmp.cleanup());
  const files = {
    dir: tmp.dir,
    model: path.join(tmp.dir, 'risk.onnx'),
    training: path.join(tmp.dir, 'training.csv'),
    production: path.join(tmp.dir, 'production.csv'),
  };
  fs.writeFileSync(files.model, demoModelBytes());
  fs.writeFileSync(files.training, trainingCsv(rows, 7));
  fs.writeFileSync(files.production, productionCsv(rows, 11));
  return files;
}

/** Rows of a CSV written here with every model feature present: the rows a model can score. */
export function scorableRows(file: string): number {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const at = FEATURES.map((f) => header.split(',').indexOf(f));
  return rows.filter((r) => {
    const cells = r.split(',');
    return at.every((i) => cells[i] !== '');
  }).length;
}

export const addModel = (file: string, name: string): Intent => ({
  method: 'models/add',
  args: { path: file, name },
  job: true,
  cli: ['models', 'add', file, '--name', name],
});
export const addDataset = (file: string, name: string): Intent => ({
  method: 'datasets/add',
  args: { path: file, name },
  job: true,
  cli: ['datasets', 'add', file, '--name', name],
});
/** Drift of production against training with the model's predictions and weekly windows. */
export const driftRun = (extra: Record<string, unknown> = {}, cli: string[] = []): Intent => ({
  method: 'drift/run',
  args: { reference: 'training', current: 'production', model: 'risk', mapping: MAPPING, ...extra },
  job: true,
  cli: [
    'drift',
    '--reference',
    'training',
    '--current',
    'production',
    '--model',
    'risk',
    '--map',
    `features=${FEATURES.join(',')}`,
    ...cli,
  ],
});
export const quickBench = (model: string, iterations = 40): Intent => ({
  method: 'bench/start',
  args: { model, eps: ['cpu'], batchSizes: [1], iterations, warmup: 2, intraOpThreads: 1 },
  job: true,
  cli: [
    'bench',
    model,
    '--ep',
    'cpu',
    '--batch',
    '1',
    '--iterations',
    String(iterations),
    '--warmup',
    '2',
    '--threads',
    '1',
  ],
});
