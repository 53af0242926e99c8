// The manifest check after a signature holds: every signed file present with the same digest, and
// nothing else (spec §8.4 steps 8–9; model_signing compares the two manifests as dicts).
import type { OmsResource } from './format';
import { compareNames } from './names';

export interface ResourceProblem {
  file: string;
  message: string;
}

/** One entry per differing file, in canonical order; empty when the folder matches. */
export function compareResources(signed: readonly OmsResource[], actual: readonly OmsResource[]): ResourceProblem[] {
  const have = new Map(actual.map((r) => [r.name, r.digest.toLowerCase()]));
  const want = new Map(signed.map((r) => [r.name, r.digest.toLowerCase()]));
  const problems: ResourceProblem[] = [];
  for (const [file, digest] of want) {
    const got = have.get(file);
    if (got === undefined) problems.push({ file, message: 'signed file is missing' });
    else if (got !== digest)
      problems.push({ file, message: `content changed since signing: sha256 is ${got}, the signature has ${digest}` });
  }
  for (const file of have.keys()) {
    if (!want.has(file))
      problems.push({ file, message: 'file is not in the signature (added after signing, or not covered by it)' });
  }
  return problems.sort((a, b) => compareNames(a.file, b.file));
}
