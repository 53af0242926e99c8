// The checks of a bundle after it was extracted: digests against the manifest, the manifest and
// every file against the signature, each part against its schema. Each check names its file.

import fs from 'node:fs';
import path from 'node:path';
import type { BundleManifest, VerifyCheck } from '../../../shared/types/bundles';
import { compareResources, verifySignatureFile } from './oms/index';
import { validatePart } from './parts/index';
import { decodeProfile } from '../../../shared/math/drift-profile/index';
import { MANIFEST, PREDICTIONS, PROFILE, SIGNATURE } from './export';
import type { ExtractedEntry } from './zip-read';

const fail = (check: VerifyCheck['check'], file: string | null, message: string): VerifyCheck => ({
  check,
  file,
  ok: false,
  message,
});
const pass = (check: VerifyCheck['check'], file: string | null, message: string): VerifyCheck => ({
  check,
  file,
  ok: true,
  message,
});

export function readManifest(
  dir: string,
  entries: ExtractedEntry[],
): { manifest: BundleManifest | null; check: VerifyCheck } {
  const entry = entries.find((e) => e.name === MANIFEST);
  if (!entry)
    return {
      manifest: null,
      check: fail('manifest', MANIFEST, 'manifest.json is missing: this is not a Preflight bundle, or it was altered'),
    };
  if (entry.damage) return { manifest: null, check: fail('manifest', MANIFEST, `manifest.json ${entry.damage}`) };
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as BundleManifest;
    const filesOk =
      Array.isArray(m.files) &&
      m.files.every(
        (f) => f && typeof f.path === 'string' && /^[0-9a-f]{64}$/.test(f.sha256) && Number.isInteger(f.size),
      );
    if (m.format !== 'preflight-bundle' || m.formatVersion !== 1 || !filesOk || !m.sources?.model?.sha256) {
      return {
        manifest: null,
        check: fail('manifest', MANIFEST, 'manifest.json is not a Preflight bundle manifest (format 1)'),
      };
    }
    return {
      manifest: m,
      check: pass(
        'manifest',
        MANIFEST,
        `format ${m.formatVersion}, ${m.files.length} files, exported ${m.createdAt} by Preflight ${m.preflightVersion}`,
      ),
    };
  } catch (err) {
    return {
      manifest: null,
      check: fail('manifest', MANIFEST, `manifest.json is not valid JSON: ${(err as Error).message}`),
    };
  }
}

export function digestChecks(manifest: BundleManifest, entries: ExtractedEntry[]): VerifyCheck[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const checks: VerifyCheck[] = [];
  for (const f of manifest.files) {
    const e = byName.get(f.path);
    if (!e) checks.push(fail('digest', f.path, 'listed in the manifest but missing from the bundle'));
    else if (e.damage) checks.push(fail('digest', f.path, e.damage));
    else if (e.sha256 !== f.sha256 || e.size !== f.size)
      checks.push(
        fail(
          'digest',
          f.path,
          `SHA-256 ${e.sha256} (${e.size} bytes) does not match the manifest's ${f.sha256} (${f.size} bytes): the file was changed`,
        ),
      );
    else checks.push(pass('digest', f.path, `sha256 ${f.sha256.slice(0, 16)}… (${f.size} bytes)`));
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const e of entries) {
    if (!listed.has(e.name) && e.name !== MANIFEST && e.name !== SIGNATURE)
      checks.push(fail('digest', e.name, 'in the bundle but not in the manifest (added after export)'));
  }
  for (const e of entries) if (e.name === SIGNATURE && e.damage) checks.push(fail('digest', e.name, e.damage));
  return checks;
}

export function signatureChecks(
  dir: string,
  entries: ExtractedEntry[],
  publicKeyPem: string | null,
): { checks: VerifyCheck[]; trusted: boolean; fingerprint: string | null } {
  const signed = entries.some((e) => e.name === SIGNATURE);
  if (!publicKeyPem) {
    return {
      checks: [
        {
          check: 'signature',
          file: SIGNATURE,
          ok: true,
          skipped: true,
          message: signed
            ? 'signature not checked: no --key given, so who made this bundle is not established'
            : 'the bundle is unsigned; with no --key nothing is claimed about its origin',
        },
      ],
      trusted: false,
      fingerprint: null,
    };
  }
  if (!signed)
    return {
      checks: [
        fail(
          'signature',
          SIGNATURE,
          'the bundle is unsigned (no model.sig), but a --key was given: its origin cannot be established',
        ),
      ],
      trusted: false,
      fingerprint: null,
    };
  const damage = entries.find((e) => e.name === SIGNATURE)?.damage;
  if (damage)
    return { checks: [fail('signature', SIGNATURE, `model.sig ${damage}`)], trusted: false, fingerprint: null };
  const outcome = verifySignatureFile(fs.readFileSync(path.join(dir, SIGNATURE), 'utf8'), publicKeyPem);
  if (!outcome.ok) return { checks: [fail('signature', SIGNATURE, outcome.reason)], trusted: false, fingerprint: null };
  const actual = entries.filter((e) => e.name !== SIGNATURE).map((e) => ({ name: e.name, digest: e.sha256 }));
  const problems = compareResources(outcome.resources, actual);
  if (problems.length)
    return {
      checks: problems.map((p) => fail('signature', p.file, p.message)),
      trusted: false,
      fingerprint: outcome.keyFingerprint,
    };
  return {
    checks: [
      pass(
        'signature',
        SIGNATURE,
        `OMS signature holds for ${outcome.resources.length} files; key ${outcome.keyFingerprint.slice(0, 16)}…`,
      ),
    ],
    trusted: true,
    fingerprint: outcome.keyFingerprint,
  };
}

export function schemaChecks(dir: string, manifest: BundleManifest): VerifyCheck[] {
  const checks: VerifyCheck[] = [];
  for (const f of manifest.files) {
    if (!hasSchema(f.path)) continue;
    const file = path.join(dir, ...f.path.split('/'));
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const problems =
      f.path === PROFILE || f.path === PREDICTIONS ? profileProblems(f.path, text) : validatePart(f.path, text);
    if (problems.length) checks.push(...problems.map((p) => fail('schema', p.file, p.message)));
    else checks.push(pass('schema', f.path, 'valid'));
  }
  return checks;
}

function profileProblems(file: string, text: string): { file: string; message: string }[] {
  try {
    decodeProfile(text);
    return [];
  } catch (err) {
    return [{ file, message: `not a readable Preflight profile: ${(err as Error).message}` }];
  }
}

/** Parts with a schema or a shape to check (the runbook is prose; the model is checked by loading it). */
function hasSchema(p: string): boolean {
  return p === PROFILE || /\.(json|ya?ml)$/.test(p);
}
