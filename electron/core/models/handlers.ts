import type { Handlers } from '../handler-types';
import { addModel } from './add';
import { resolveModel } from './show';

export const modelHandlers: Handlers<'workspace/info' | 'models/add' | 'models/list' | 'models/show'> = {
  'workspace/info': (core) => ({
    dir: core.workspace.dir,
    file: core.workspace.file,
    schemaVersion: core.workspace.schemaVersion,
    appVersion: core.appVersion,
    counts: core.queries.models.counts(),
  }),
  'models/add': (core, args, job) => addModel(core, args, job),
  'models/list': (core) => core.queries.models.list(),
  'models/show': (core, args) => {
    const { id: _id, contentDigest: _d, ...version } = resolveModel(core, args.ref);
    return { ...version, versions: core.queries.models.versionsOf(version.name) };
  },
};
