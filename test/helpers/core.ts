import { afterAll, beforeAll } from 'vitest';
import { createClient, type Client } from '../../shared/client';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { requireBuild, tempDir } from './workspace';

/**
 * An in-process core on a fresh temporary workspace for the whole file, closed and removed after it.
 * Returns getters: the core exists only once beforeAll has run.
 */
export function useInProcessCore(): { core: () => Core; client: () => Client; dir: string } {
  const ws = tempDir();
  let core: Core;
  beforeAll(() => {
    requireBuild(); // model loads run in the built child process
    core = createCore({ workspaceDir: ws.dir });
  });
  afterAll(async () => {
    await core?.close();
    ws.cleanup();
  });
  return { core: () => core, client: () => createClient(inProcessTransport(core)), dir: ws.dir };
}
