// The parts of a bundle that `validate` needs, read as untrusted input: extracted into a private
// folder, each checked against the manifest's digest before it is believed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PreflightError } from '../../../../shared/contract/errors';
import type { BundleManifest, FeatureContract, FallbackPolicy } from '../../../../shared/types/bundles';
import { FALLBACK, FEATURES, MANIFEST, PREDICTIONS, PROFILE } from '../export';
import { readManifest } from '../verify-checks';
import { extractZip, ZipDamagedError } from '../zip-read';

export interface FallbackDoc {
  policy: FallbackPolicy | null;
  monitor?: { automationRate: number; minAutomationRate: number };
}

export interface ValidateBundle {
  dir: string;
  manifest: BundleManifest;
  contract: FeatureContract;
  profileJson: string;
  predictionsJson: string | null;
  fallback: FallbackDoc | null;
  /** model/model.onnx, when asked for and present. */
  modelPath: string | null;
  cleanup(): void;
}

export async function readBundleForValidate(
  zipPath: string,
  withModel: boolean,
  signal: AbortSignal,
): Promise<ValidateBundle> {
  const name = path.basename(zipPath);
  if (!fs.existsSync(zipPath) || !fs.statSync(zipPath).isFile())
    throw new PreflightError('INVALID_INPUT', `${zipPath}: no such bundle file`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-validate-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const wanted = new Set([MANIFEST, FEATURES, PROFILE, PREDICTIONS, FALLBACK]);
    let entries;
    try {
      entries = (
        await extractZip(zipPath, dir, signal, { only: (n) => wanted.has(n) || (withModel && n.startsWith('model/')) })
      ).entries;
    } catch (err) {
      if (err instanceof ZipDamagedError)
        throw new PreflightError('INVALID_INPUT', `${err.message}; run \`preflight verify ${zipPath}\``);
      throw err;
    }
    const { manifest, check } = readManifest(dir, entries);
    if (!manifest) throw new PreflightError('INVALID_INPUT', `${name}: ${check.message}`);
    for (const e of entries) {
      if (e.name === MANIFEST) continue;
      const listed = manifest.files.find((f) => f.path === e.name);
      if (!listed || e.damage || listed.sha256 !== e.sha256) {
        throw new PreflightError(
          'INVALID_INPUT',
          `${name}: ${e.name} ${e.damage ?? (listed ? 'does not match the digest in manifest.json' : 'is not in manifest.json')}; the bundle was changed or damaged — run \`preflight verify ${zipPath}\``,
        );
      }
    }
    const read = (p: string) =>
      entries.some((e) => e.name === p) ? fs.readFileSync(path.join(dir, ...p.split('/')), 'utf8') : null;
    const contractText = read(FEATURES);
    const profileJson = read(PROFILE);
    if (!contractText || !profileJson)
      throw new PreflightError(
        'INVALID_INPUT',
        `${name} has no ${!contractText ? FEATURES : PROFILE}: it was exported by an older Preflight or is not a bundle`,
      );
    const contract = parseJson<FeatureContract>(contractText, `${name}: ${FEATURES}`);
    if (
      contract.version !== 1 ||
      !Array.isArray(contract.features) ||
      !contract.features.every((f) => f && typeof f.name === 'string' && typeof f.maxNullRate === 'number')
    ) {
      throw new PreflightError('INVALID_INPUT', `${name}: ${FEATURES} is not a Preflight feature contract (version 1)`);
    }
    const fallbackText = read(FALLBACK);
    const modelPath =
      withModel && entries.some((e) => e.name === 'model/model.onnx') ? path.join(dir, 'model', 'model.onnx') : null;
    return {
      dir,
      manifest,
      contract,
      profileJson,
      predictionsJson: read(PREDICTIONS),
      fallback: fallbackText ? parseJson<FallbackDoc>(fallbackText, `${name}: ${FALLBACK}`) : null,
      modelPath,
      cleanup,
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new PreflightError('INVALID_INPUT', `${what} is not valid JSON: ${(err as Error).message}`);
  }
}
