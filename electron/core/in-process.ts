import type { Transport } from '../../shared/client';
import type { Core } from './api';

/** The CLI and the contract tests call the core directly; structured-clone keeps them honest about what crosses a process boundary. */
export function inProcessTransport(core: Core): Transport {
  return {
    call: async (method, args) => structuredClone(await core.dispatch(method, structuredClone(args))),
    subscribe: (listener) => core.onEvent((event) => listener(structuredClone(event))),
  };
}
