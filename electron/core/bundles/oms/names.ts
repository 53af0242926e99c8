// Resource names, their canonical order, and ignore-path matching, as the reference tool does them.
import { PreflightError } from '../../../../shared/contract/errors';
import { SIGNATURE_FILE } from './format';

/**
 * Paths that model_signing ignores by default (hashing.py Config.hash, ignore_git_paths=True; spec
 * §6.2), plus model.sig: Preflight writes the signature inside the folder, and the reference
 * records the signature path in ignore_paths when it lies there (see its tests' check_ignore_paths).
 */
export const DEFAULT_IGNORE_PATHS: readonly string[] = [
  '.git',
  '.gitattributes',
  '.github',
  '.gitignore',
  SIGNATURE_FILE,
];

/**
 * POSIX relative path with "." and empty components collapsed (spec §6.1.2; the reference gets the
 * same from pathlib.PurePosixPath). Absolute paths and ".." are refused, as in
 * _filesystem.relative_path_parts.
 */
export function canonicalName(name: string, what = 'resource name'): string {
  if (typeof name !== 'string' || name.length === 0) throw new PreflightError('INVALID_INPUT', `${what} is empty`);
  if (name.includes('\0')) throw new PreflightError('INVALID_INPUT', `${what} "${name}" contains a NUL character`);
  if (Buffer.from(name, 'utf8').toString('utf8') !== name)
    throw new PreflightError('INVALID_INPUT', `${what} "${name}" is not valid Unicode`);
  if (name.startsWith('/'))
    throw new PreflightError('INVALID_INPUT', `${what} "${name}" is absolute; names are relative to the model folder`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..'))
    throw new PreflightError('INVALID_INPUT', `${what} "${name}" leaves the model folder ("..")`);
  if (parts.length === 0) throw new PreflightError('INVALID_INPUT', `${what} "${name}" names the model folder itself`);
  return parts.join('/');
}

/**
 * The order model_signing writes resources in: Manifest.resource_descriptors() is
 * sorted(...) over File(PurePosixPath) keys, and PurePath compares its *component lists*, each
 * component by code point. Spec §5.2.1 says "lexicographically by name using Unicode code point
 * ordering"; the two differ only when a name has a character below "/" (e.g. "-", ".") where
 * another has "/": the reference puts "tok/vocab.txt" before "tok.json", whole-string order puts
 * it after. We follow the reference so our subject digest equals the one `model_signing sign`
 * computes for the same folder; both the reference verifier and ours digest resources in the
 * order listed, so either order verifies. UTF-8 byte order equals code point order.
 */
export function compareNames(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const c = Buffer.compare(Buffer.from(pa[i], 'utf8'), Buffer.from(pb[i], 'utf8'));
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

/**
 * Spec §6.2.1: entries are exact relative paths, never patterns. A signer-side rule only: the
 * reference records whatever it was given, so a verifier takes such entries literally.
 */
export function refuseGlobs(ignorePaths: readonly string[]): void {
  const bad = ignorePaths.find((p) => /[*?[]/.test(p));
  if (bad !== undefined)
    throw new PreflightError(
      'INVALID_INPUT',
      `ignore path "${bad}" contains a glob character; OMS ignore paths are exact relative paths`,
    );
}

/** Defaults ∪ given, canonical, deduplicated, in canonical order (the reference's order is a set's). */
export function effectiveIgnorePaths(ignorePaths: readonly string[] = []): string[] {
  const all = new Set<string>(DEFAULT_IGNORE_PATHS);
  for (const p of ignorePaths) all.add(canonicalName(p, 'ignore path'));
  return [...all].sort(compareNames);
}

/** serialization.should_ignore: path.is_relative_to(ignore) — the entry itself or anything under it. */
export function isIgnored(name: string, ignorePaths: readonly string[]): boolean {
  return ignorePaths.some((p) => name === p || name.startsWith(`${p}/`));
}
