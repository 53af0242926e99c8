import { runbookMarkdown } from './parts/index';
import type { Handlers } from '../handler-types';
import { exportBundle } from './export';
import { assembleFacts, previewOf } from './facts';
import { generateKeys } from './keys';
import { addReadiness } from './readiness-at-export';
import { producedFile } from './produced';
import { validateBatch } from './validate/run';
import { verify } from './verify';

export const bundleHandlers: Handlers<
  | 'bundles/preview'
  | 'bundles/export'
  | 'bundles/list'
  | 'bundles/verify'
  | 'bundles/validate'
  | 'keys/generate'
  | 'files/info'
> = {
  'bundles/preview': async (core, args, job) => {
    const assembled = await assembleFacts(core, args, job, true);
    await addReadiness(core, assembled.facts, job);
    job.progress(1, 'preview ready');
    return previewOf(assembled, runbookMarkdown(assembled.facts));
  },
  'bundles/export': (core, args, job) => exportBundle(core, args, job),
  'bundles/list': (core) => core.queries.bundles.list(),
  'bundles/verify': (core, args, job) => verify(core, args, job),
  'bundles/validate': (core, args, job) => validateBatch(core, args, job),
  'keys/generate': (_core, args) => generateKeys(args),
  'files/info': (core, args) => producedFile(core, args.id),
};
