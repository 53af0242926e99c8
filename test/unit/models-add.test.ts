import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toErrorData } from '../../electron/core/errors';
import { useInProcessCore } from '../helpers/core';
import { MODELS } from '../helpers/workspace';

const ws = useInProcessCore();

describe('models/add under a double click', () => {
  it('two adds of the same file at once register one version, and both succeed', async () => {
    const client = ws.client();
    const file = path.join(MODELS, 'small_cnn.onnx');
    const results = await Promise.all([
      client.run('models/add', { path: file }),
      client.run('models/add', { path: file }),
      client.run('models/add', { path: file }),
    ]);
    expect(results.map((r) => r.version)).toEqual([1, 1, 1]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const listed = await client.call('models/list', {});
    expect(listed).toEqual([expect.objectContaining({ name: 'small_cnn', versions: 1 })]);
  });
});

describe('errors that cross the contract', () => {
  it('never pass a Node or SQLite error code through as if it were a contract code', () => {
    const sqlite = Object.assign(new Error('UNIQUE constraint failed: model_versions.model_id'), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect(toErrorData(sqlite)).toEqual({
      code: 'INTERNAL',
      message: 'internal error: UNIQUE constraint failed: model_versions.model_id',
    });
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });
    expect(toErrorData(full)).toEqual({
      code: 'INTERNAL',
      message: 'the disk is full: ENOSPC: no space left on device, write',
    });
  });
});
