import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { MODELS } from '../helpers/workspace';
import { describeThroughEveryHost, type Host, type Intent } from './hosts';

const add = (file: string, name?: string): Intent => ({
  method: 'models/add',
  args: name ? { path: file, name } : { path: file },
  job: true,
  cli: ['models', 'add', file, ...(name ? ['--name', name] : [])],
});
const list: Intent = { method: 'models/list', args: {}, job: false, cli: ['models', 'list'] };
const show = (ref: string): Intent => ({
  method: 'models/show',
  args: { ref },
  job: false,
  cli: ['models', 'show', ref],
});

// The same scenarios, in the same order, through every host: what one host answers, all must answer.
describeThroughEveryHost('model registry', (current) => {
  let host: Host;
  beforeAll(() => {
    host = current();
  });

  it('registers a model and reports its inputs and outputs', async () => {
    const out = await host.perform(add(path.join(MODELS, 'tiny_mlp.onnx')));
    expect(out.error).toBeUndefined();
    expect(out.result).toMatchObject({ name: 'tiny_mlp', version: 1, created: true });
    expect(out.result.metadata.inputs[0]).toMatchObject({
      name: 'x',
      elemType: 'float',
      shape: [{ param: 'N' }, { value: 4 }],
    });
    expect(out.result.metadata.outputs[0].name).toBe('probs');
    expect(out.result.loadCheck.loadable).toBe(true);
    expect(out.result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('adding the same bytes again keeps one version', async () => {
    const out = await host.perform(add(path.join(MODELS, 'tiny_mlp.onnx')));
    expect(out.result).toMatchObject({ name: 'tiny_mlp', version: 1, created: false });
    const listed = await host.perform(list);
    expect(listed.result).toHaveLength(1);
    expect(listed.result[0]).toMatchObject({ name: 'tiny_mlp', latestVersion: 1, versions: 1 });
  });

  it('new bytes under the same name become the next version', async () => {
    const out = await host.perform(add(path.join(MODELS, 'small_cnn.onnx'), 'tiny_mlp'));
    expect(out.result).toMatchObject({ name: 'tiny_mlp', version: 2, created: true });
    const shown = await host.perform(show('tiny_mlp@1'));
    expect(shown.result.metadata.inputs[0].name).toBe('x');
    expect(shown.result.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it.each([
    ['not_onnx.onnx', /not an ONNX model: it looks like a text file/],
    ['empty.onnx', /empty/],
    ['truncated.onnx', /not a valid ONNX model: truncated/],
    ['escaping_external/model.onnx', /leaves the model's folder/],
    ['does-not-exist.onnx', /no such file/],
    ['external_data', /is a directory/],
  ])('refuses %s with a clear message and leaves the workspace unchanged', async (file, message) => {
    const out = await host.perform(add(path.join(MODELS, file)));
    expect(out.ok).toBe(false);
    expect(out.error!.code).toBe('INVALID_INPUT');
    expect(out.error!.message).toMatch(message);
    expect(out.error!.message.split('\n')).toHaveLength(1);
    const listed = await host.perform(list);
    expect(listed.result).toHaveLength(1);
  });

  it('names a missing model and its versions', async () => {
    const out = await host.perform(show('tiny_mlp@9'));
    expect(out.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(out.error!.message).toContain('versions: 1, 2');
  });

  it('rejects a malformed name as bad arguments', async () => {
    const out = await host.perform(add(path.join(MODELS, 'tiny_mlp.onnx'), '../evil'));
    expect(out.error?.code).toBe('BAD_ARGUMENTS');
  });
});
