// The OMS "files" serialization: resource list in canonical order, subject (root) digest, and
// hashing a model folder on disk the way model_signing's file serializer does.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PreflightError } from '../../../../shared/contract/errors';
import type { OmsResource } from './format';
import { canonicalName, compareNames, effectiveIgnorePaths, isIgnored } from './names';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Canonical names, lowercase digests, no duplicates, reference order (see compareNames). */
export function sortResources(resources: readonly OmsResource[]): OmsResource[] {
  const seen = new Set<string>();
  const out = resources.map((r) => {
    const name = canonicalName(r.name);
    const digest = typeof r.digest === 'string' ? r.digest.toLowerCase() : '';
    if (!HEX_SHA256.test(digest)) throw new PreflightError('INVALID_INPUT', `digest of "${name}" is not a hex SHA-256`);
    if (seen.has(name)) throw new PreflightError('INVALID_INPUT', `"${name}" is listed twice`);
    seen.add(name);
    return { name, digest };
  });
  if (out.length === 0) throw new PreflightError('INVALID_INPUT', 'nothing to sign: the resource list is empty');
  return out.sort((a, b) => compareNames(a.name, b.name));
}

/**
 * Spec §6.5.1 and signing.Payload: SHA-256 over the raw bytes of each resource digest,
 * concatenated in the order the resources are listed. Always SHA-256, lowercase hex.
 */
export function subjectDigest(resources: readonly OmsResource[]): string {
  const h = createHash('sha256');
  for (const r of resources) {
    if (!/^([0-9a-fA-F]{2})+$/.test(r.digest))
      throw new PreflightError('INVALID_INPUT', `digest of "${r.name}" is not hex`);
    h.update(Buffer.from(r.digest, 'hex'));
  }
  return h.digest('hex');
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Spec §6.1.2 rule 7: a name that is not UTF-8 cannot be written losslessly into the JSON. */
function decodeName(raw: Buffer, dir: string): string {
  try {
    return utf8.decode(raw);
  } catch {
    throw new PreflightError('INVALID_INPUT', `a file name in "${dir || '.'}" is not valid UTF-8 and cannot be signed`);
  }
}

async function walk(root: string, rel: string, ignores: readonly string[], out: string[]): Promise<void> {
  const entries = await fs.promises.readdir(path.join(root, rel), { encoding: 'buffer' });
  for (const raw of entries) {
    const name = rel ? `${rel}/${decodeName(raw, rel)}` : decodeName(raw, rel);
    // Ignored entries are skipped before any other check, as in file.Serializer.serialize.
    if (isIgnored(name, ignores)) continue;
    const st = await fs.promises.lstat(path.join(root, name));
    if (st.isSymbolicLink()) {
      throw new PreflightError(
        'INVALID_INPUT',
        `"${name}" is a symbolic link; OMS signatures are made with allow_symlinks=false (model_signing's default), so copy the target in or add the link to the ignore paths`,
      );
    }
    if (st.isDirectory()) await walk(root, name, ignores, out);
    else if (st.isFile()) out.push(name);
    else
      throw new PreflightError('INVALID_INPUT', `"${name}" is not a regular file or folder (socket, pipe or device)`);
  }
}

/**
 * Hashes a model folder (or a single file, named by its basename). `ignorePaths` are relative to
 * the folder; DEFAULT_IGNORE_PATHS always apply. Files are read as streams, one at a time.
 */
export async function hashFolder(dir: string, ignorePaths: readonly string[] = []): Promise<OmsResource[]> {
  const ignores = effectiveIgnorePaths(ignorePaths);
  let st: fs.Stats;
  try {
    st = await fs.promises.lstat(dir);
  } catch {
    throw new PreflightError('INVALID_INPUT', `model path "${dir}" does not exist`);
  }
  if (st.isSymbolicLink())
    throw new PreflightError('INVALID_INPUT', `model path "${dir}" is a symbolic link; give the real folder`);
  if (st.isFile()) return [{ name: path.basename(dir), digest: await sha256File(dir) }];
  if (!st.isDirectory()) throw new PreflightError('INVALID_INPUT', `model path "${dir}" is not a file or folder`);
  const names: string[] = [];
  await walk(dir, '', ignores, names);
  if (names.length === 0)
    throw new PreflightError('INVALID_INPUT', `"${dir}" has no files to sign after the ignore paths are applied`);
  names.sort(compareNames);
  const out: OmsResource[] = [];
  for (const name of names) out.push({ name, digest: await sha256File(path.join(dir, ...name.split('/'))) });
  return out;
}
