import type { Handlers, MethodsStartingWith } from '../handler-types';

export const datasetHandlers: Handlers<MethodsStartingWith<'datasets/'>> = {};
