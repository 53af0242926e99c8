import type { Handlers, MethodsStartingWith } from '../handler-types';

export const driftHandlers: Handlers<MethodsStartingWith<'drift/'>> = {};
