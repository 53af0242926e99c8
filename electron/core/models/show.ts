import { PreflightError } from '../../../shared/contract/errors';
import type { CoreContext } from '../context';
import type { StoredVersion } from '../workspace/queries/models';

/** Parses NAME or NAME@VERSION and finds that version (latest when no version is given). */
export function resolveModel(core: CoreContext, ref: string): StoredVersion {
  const at = ref.lastIndexOf('@');
  const name = at > 0 ? ref.slice(0, at) : ref;
  let version: number | undefined;
  if (at > 0) {
    const text = ref.slice(at + 1);
    if (!/^[1-9][0-9]*$/.test(text))
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `"${ref}": the version after @ must be a positive integer, e.g. ${name}@2`,
      );
    version = Number(text);
  }
  const found = core.queries.models.get(name, version);
  if (!found) {
    const versions = core.queries.models.versionsOf(name);
    const hint = versions.length
      ? ` (versions: ${versions.map((v) => v.version).join(', ')})`
      : ' (see `preflight models list`)';
    throw new PreflightError('NOT_FOUND', `no model ${ref}${hint}`, { ref });
  }
  return found;
}
