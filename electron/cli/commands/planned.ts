import { PreflightError } from '../../../shared/contract/errors';
import type { Command } from '../command';

/** A command of the public surface whose capability has not landed yet: exit 2 with a plain message. */
export function planned(name: string, summary: string): Command {
  return {
    name,
    summary: `${summary} (not yet available)`,
    usage: `preflight ${name}: not yet available in this version`,
    async run() {
      throw new PreflightError('BAD_ARGUMENTS', `preflight ${name} is not yet available in this version`);
    },
  };
}
