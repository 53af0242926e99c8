// OMS "files" serialization: names, order, root digest and hashing a folder on disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreflightError } from '../../shared/contract/errors';
import { canonicalName, compareNames, effectiveIgnorePaths } from '../../electron/core/bundles/oms/names';
import { hashFolder, sortResources, subjectDigest } from '../../electron/core/bundles/oms/serialize';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
let dir: string;
const put = (rel: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oms-ser-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('names and order', () => {
  it('canonicalises POSIX relative names and refuses ones outside the folder', () => {
    expect(canonicalName('./a//b/./c.bin/')).toBe('a/b/c.bin');
    for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', '.', './'])
      expect(() => canonicalName(bad)).toThrow(PreflightError);
  });

  it('orders like sorted(PurePosixPath): by component, each by code point', () => {
    const names = ['tok.json', 'b', 'tok/vocab.txt', 'a-b', 'a/b', 'B', 'é', 'z', '😀', '\uffff'];
    // Output of Python 3.11: [str(p) for p in sorted(PurePosixPath(n) for n in names)]
    expect([...names].sort(compareNames)).toEqual([
      'B',
      'a/b',
      'a-b',
      'b',
      'tok/vocab.txt',
      'tok.json',
      'z',
      'é',
      '\uffff',
      '😀',
    ]);
  });

  it('sortResources canonicalises, sorts, and refuses duplicates and non-hex digests', () => {
    const d = sha('x');
    expect(
      sortResources([
        { name: 'b', digest: d.toUpperCase() },
        { name: './a', digest: d },
      ]),
    ).toEqual([
      { name: 'a', digest: d },
      { name: 'b', digest: d },
    ]);
    expect(() =>
      sortResources([
        { name: 'a', digest: d },
        { name: './a', digest: d },
      ]),
    ).toThrow(/listed twice/);
    expect(() => sortResources([{ name: 'a', digest: 'abc' }])).toThrow(/not a hex SHA-256/);
    expect(() => sortResources([])).toThrow(/empty/);
  });

  it('root digest is SHA-256 over the concatenated raw digests, in list order', () => {
    const a = sha('a');
    const b = sha('b');
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(a, 'hex'), Buffer.from(b, 'hex')]))
      .digest('hex');
    expect(
      subjectDigest([
        { name: 'a', digest: a },
        { name: 'b', digest: b },
      ]),
    ).toBe(expected);
    expect(
      subjectDigest([
        { name: 'b', digest: b },
        { name: 'a', digest: a },
      ]),
    ).not.toBe(expected);
  });

  it('ignore paths: defaults added, escapes refused', () => {
    expect(effectiveIgnorePaths(['cache/', './x'])).toEqual([
      '.git',
      '.gitattributes',
      '.github',
      '.gitignore',
      'cache',
      'model.sig',
      'x',
    ]);
    expect(effectiveIgnorePaths(['a[1].bin'])).toContain('a[1].bin'); // literal when verifying
    expect(() => effectiveIgnorePaths(['../up'])).toThrow(/leaves the model folder/);
  });
});

describe('hashFolder', () => {
  it('hashes every file with POSIX names in reference order, applying ignore paths like model_signing', async () => {
    put('weights.bin', Buffer.from([0, 1, 2, 255]));
    put('tok.json', '{}');
    put('tok/vocab.txt', 'a b c');
    put('cache/x.bin', 'ignored dir');
    put('sub/cache', 'not ignored: "cache" is relative to the root');
    put('cache2', 'not ignored: not under "cache"');
    put('.git/HEAD', 'ref');
    put('.gitignore', '*');
    put('sub/.git/HEAD', 'only the top-level .git is a default');
    put('model.sig', '{}');
    const res = await hashFolder(dir, ['cache']);
    expect(res.map((r) => r.name)).toEqual([
      'cache2',
      'sub/.git/HEAD',
      'sub/cache',
      'tok/vocab.txt',
      'tok.json',
      'weights.bin',
    ]);
    expect(res.find((r) => r.name === 'weights.bin')?.digest).toBe(sha(Buffer.from([0, 1, 2, 255])));
    expect(res.find((r) => r.name === 'tok/vocab.txt')?.digest).toBe(sha('a b c'));
  });

  it('refuses symlinks (allow_symlinks=false) unless they are ignored, and empty models', async () => {
    put('real.bin', 'x');
    fs.symlinkSync(path.join(dir, 'real.bin'), path.join(dir, 'link.bin'));
    await expect(hashFolder(dir, [])).rejects.toThrow(/"link.bin" is a symbolic link/);
    expect((await hashFolder(dir, ['link.bin'])).map((r) => r.name)).toEqual(['real.bin']);
    await expect(hashFolder(dir, ['link.bin', 'real.bin'])).rejects.toThrow(/no files to sign/);
    await expect(hashFolder(path.join(dir, 'nope'), [])).rejects.toThrow(/does not exist/);
  });

  it('a single-file model is named by its basename', async () => {
    put('m.onnx', 'onnx');
    expect(await hashFolder(path.join(dir, 'm.onnx'), [])).toEqual([{ name: 'm.onnx', digest: sha('onnx') }]);
  });

  it('refuses a file name that is not UTF-8', async () => {
    put('ok.bin', 'x');
    try {
      fs.writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x66, 0xff, 0x2e])]), 'x');
    } catch {
      return; // a filesystem that insists on UTF-8 names cannot hold such a file
    }
    await expect(hashFolder(dir, [])).rejects.toThrow(/not valid UTF-8/);
  });
});
