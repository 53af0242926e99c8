import type { Handlers } from '../handler-types';
import { removeModelVersion } from './remove';

// bench/remove and drift/remove sit with their domains' handlers (typed by prefix); this is the model one.
export const removalHandlers: Handlers<'models/remove'> = {
  'models/remove': (core, args) => removeModelVersion(core, args.ref, args),
};
