import type { Handlers } from '../handler-types';
import { createDemo } from './create';

export const demoHandlers: Handlers<'demo/create'> = {
  'demo/create': (core, args, job) => createDemo(core, args, job),
};
