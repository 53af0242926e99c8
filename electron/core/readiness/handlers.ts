import { PreflightError } from '../../../shared/contract/errors';
import { READINESS_ITEMS, type ReadinessItemId, type ReadinessState } from '../../../shared/types/readiness';
import type { Handlers, MethodsStartingWith } from '../handler-types';
import { readiness } from './items';

export const readinessHandlers: Handlers<MethodsStartingWith<'ready/'>> = {
  'ready/show': (core, args, job) => readiness(core, args.ref, job),
  'ready/list': async (core, _args, job) => {
    const out = [];
    for (const m of await core.invoke('models/list', {}, job)) {
      for (const v of (await core.invoke('models/show', { ref: m.name }, job)).versions) {
        const r = await readiness(core, `${m.name}@${v.version}`, job);
        out.push({
          model: r.model,
          ready: r.ready,
          states: Object.fromEntries(r.items.map((i) => [i.id, i.state])) as Record<ReadinessItemId, ReadinessState>,
        });
      }
    }
    return out;
  },
  'ready/settings': async (core, args, job) => {
    const model = await core.invoke('models/show', { ref: args.model }, job);
    const now = core.queries.readiness.settings(model.name);
    const next = { targetEp: args.targetEp ?? now.targetEp, maxAgeDays: args.maxAgeDays ?? now.maxAgeDays };
    core.queries.readiness.saveSettings(model.name, next.targetEp, next.maxAgeDays);
    return { model: model.name, ...next };
  },
  'ready/attest': async (core, args, job) => {
    const model = await core.invoke('models/show', { ref: args.ref }, job);
    if (!READINESS_ITEMS.includes(args.item)) throw new PreflightError('BAD_ARGUMENTS', `unknown item ${args.item}`);
    core.queries.readiness.attest(
      model.name,
      model.version,
      args.item,
      args.by,
      new Date().toISOString(),
      args.link ?? null,
      args.note ?? null,
    );
    return readiness(core, `${model.name}@${model.version}`, job);
  },
};
