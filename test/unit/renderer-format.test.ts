// Pure display rules of the renderer: how dims, sizes and routes are written.
import { describe, expect, it } from 'vitest';
import { formatDim, opsetLabel } from '../../renderer/models/format';
import { href } from '../../renderer/router/index';
import { formatBytes, plural } from '../../renderer/ui/format';
import { firstJsonObject } from '../e2e/helpers/server';

describe('renderer formatting', () => {
  it('shows dims verbatim: a name as written, an empty name as "", an unknown dim as ?', () => {
    expect(formatDim({ value: 4 }).text).toBe('4');
    expect(formatDim({ param: 'N' }).text).toBe('N');
    expect(formatDim({ param: '' }).text).toBe('""');
    expect(formatDim({ unknown: true }).text).toBe('?');
  });

  it('names the default opset domain', () => {
    expect(opsetLabel({ domain: '', version: 17 })).toBe('ai.onnx v17');
    expect(opsetLabel({ domain: 'ai.onnx.ml', version: 3 })).toBe('ai.onnx.ml v3');
  });

  it('writes sizes in binary units and counts with plurals', () => {
    expect(formatBytes(698)).toBe('698 B');
    expect(formatBytes(6758)).toBe('6.6 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
    expect(plural(1, 'model')).toBe('1 model');
    expect(plural(1562, 'parameter')).toBe('1,562 parameters');
  });

  it('builds hash routes that keep "@" readable and escape everything else', () => {
    expect(href('models', 'tiny_mlp@2')).toBe('#/models/tiny_mlp@2');
    expect(href('models', 'a b/c')).toBe('#/models/a%20b%2Fc');
  });
});

describe('e2e helper: first JSON object of the serve output', () => {
  it('reads a pretty-printed object, even with braces inside strings, and waits for it to complete', () => {
    expect(firstJsonObject('{\n  "url": "http://x/?token={a}",\n  "port": 1\n}\nmore')).toEqual({
      url: 'http://x/?token={a}',
      port: 1,
    });
    expect(firstJsonObject('{\n  "url": "http')).toBeUndefined();
    expect(firstJsonObject('')).toBeUndefined();
  });
});
