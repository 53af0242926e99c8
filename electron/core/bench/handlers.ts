import type { Handlers, MethodsStartingWith } from '../handler-types';

export const benchHandlers: Handlers<MethodsStartingWith<'bench/'>> = {};
