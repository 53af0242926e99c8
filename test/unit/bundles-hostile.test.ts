// A bundle is untrusted input: hostile archives are refused before anything is written, and nothing
// lands outside the verifier's private temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { extractZip, unsafeName, ZIP_LIMITS } from '../../electron/core/bundles/zip-read';
import { useInProcessCore } from '../helpers/core';
import { tempDir } from '../helpers/workspace';
import { rawZip, type RawEntry } from '../helpers/zip';

// A temporary folder of this test file's own (this worker process): other test files verify bundles at
// the same time, and their folders in the shared one must not count as left behind by these.
const ownTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-hostile-tmp-'));
process.env.TMPDIR = ownTmp;
const ws = useInProcessCore();
const tmp = tempDir('preflight-hostile-');
afterAll(() => {
  tmp.cleanup();
  fs.rmSync(ownTmp, { recursive: true, force: true });
});

const ok = (name: string, text = 'x'): RawEntry => ({ name, data: Buffer.from(text) });

async function refused(name: string, zipEntries: RawEntry[], pattern: RegExp) {
  const file = path.join(tmp.dir, `${name}.zip`);
  fs.writeFileSync(file, rawZip(zipEntries));
  expect(os.tmpdir()).toBe(ownTmp);
  const before = new Set(fs.readdirSync(ownTmp));
  const outcome = await ws.core().dispatch('bundles/verify', { path: file });
  expect(outcome.ok).toBe(true); // a job id; the job fails
  const jobId = (outcome as { result: { jobId: string } }).result.jobId;
  const info = await waitForJob(jobId);
  expect(info.state, name).toBe('failed');
  expect(info.error?.code, name).toBe('INVALID_INPUT');
  expect(info.error?.message, name).toMatch(pattern);
  // Nothing was written beside the archive, and no verify folder is left behind.
  expect(fs.readdirSync(tmp.dir).filter((n) => !n.endsWith('.zip'))).toEqual([]);
  const left = fs.readdirSync(ownTmp).filter((n) => !before.has(n) && n.startsWith('preflight-verify-'));
  expect(left).toEqual([]);
}

async function waitForJob(jobId: string) {
  for (;;) {
    const r = await ws.core().dispatch('jobs/get', { jobId });
    const info = (r as { ok: true; result: { state: string; error?: { code: string; message: string } } }).result;
    if (info.state !== 'running') return info;
    await new Promise((res) => setTimeout(res, 20));
  }
}

describe('hostile bundles are refused before anything is written', () => {
  it('a path that leaves the bundle (..)', () =>
    refused('dotdot', [ok('manifest.json'), ok('../evil.txt')], /leaves the bundle/));
  it('an absolute path and a drive letter', async () => {
    await refused('absolute', [ok('/etc/evil')], /absolute/);
    await refused('drive', [ok('C:/evil')], /absolute/);
  });
  it('a backslash (Windows separators would escape on extraction there)', () =>
    refused('backslash', [ok('model\\..\\..\\evil')], /backslash/));
  it('a symbolic link entry', () =>
    refused(
      'symlink',
      [{ name: 'model/model.onnx', data: Buffer.from('/etc/passwd'), mode: 0o120777 }],
      /symbolic link/,
    ));
  it('duplicate names, also ones that differ only in case', async () => {
    await refused('dup', [ok('a.json'), ok('a.json')], /twice/);
    await refused('dupcase', [ok('Manifest.json'), ok('manifest.json')], /twice/);
  });
  it('more entries than the bound', () =>
    refused(
      'many',
      Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => ok(`f${i}`)),
      /entries/,
    ));
  it('a zip bomb (compression ratio past the bound)', () =>
    refused('bomb', [{ name: 'model/model.onnx', data: Buffer.alloc(64 * 1024 ** 2), deflate: true }], /zip bomb/));
  it('a NUL in a name', () => refused('nul', [ok('a\u0000b')], /NUL/));
  it('a file that is not a zip at all is an unreadable input, not a failed check', async () => {
    const file = path.join(tmp.dir, 'plain.zip');
    fs.writeFileSync(file, 'just text');
    const outcome = await ws.core().dispatch('bundles/verify', { path: file });
    const info = await waitForJob((outcome as { result: { jobId: string } }).result.jobId);
    expect(info.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/not a zip/) });
  });
});

describe('the zip reader', () => {
  it('names are checked segment by segment (property: a name with a .. segment is refused, plain segments pass)', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((x) => x !== '.' && x !== '..');
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 0, maxLength: 4 }),
        fc.array(segment, { minLength: 0, maxLength: 4 }),
        (before, after) => {
          const bad = [...before, '..', ...after].join('/');
          const good = [...before, ...after, 'f'].join('/');
          return unsafeName(bad, Buffer.from(bad)) !== null && unsafeName(good, Buffer.from(good)) === null;
        },
      ),
      { seed: 7, numRuns: 500 },
    );
    for (const name of ['./a', 'a//b', 'a/./b', '/a', 'C:x'])
      expect(unsafeName(name, Buffer.from(name)), name).not.toBeNull();
  });

  it('an entry whose data was damaged is named (CRC), the others read', async () => {
    const good = Buffer.from('{"a":1}');
    const zip = rawZip([
      { name: 'a.json', data: good },
      { name: 'b.json', data: Buffer.from('{"b":2}') },
    ]);
    zip[30 + 'a.json'.length + 2] ^= 0x20; // inside a.json's stored data
    const file = path.join(tmp.dir, 'crc.zip');
    fs.writeFileSync(file, zip);
    const dest = fs.mkdtempSync(path.join(tmp.dir, 'x-'));
    try {
      const out = await extractZip(file, dest, new AbortController().signal);
      expect(out.entries.find((e) => e.name === 'a.json')!.damage).toMatch(/CRC/);
      expect(out.entries.find((e) => e.name === 'b.json')!.damage).toBeNull();
    } finally {
      fs.rmSync(dest, { recursive: true, force: true });
    }
  });

  it('a size that lies about the data is caught while reading, not trusted', async () => {
    const data = zlib.deflateRawSync(Buffer.alloc(10));
    expect(data.length).toBeGreaterThan(0);
    const file = path.join(tmp.dir, 'liar.zip');
    fs.writeFileSync(file, rawZip([{ name: 'a.bin', data: Buffer.alloc(5000, 7), deflate: true, claimedSize: 10 }]));
    const dest = fs.mkdtempSync(path.join(tmp.dir, 'y-'));
    try {
      const out = await extractZip(file, dest, new AbortController().signal);
      expect(out.entries[0].damage).toMatch(/cannot be read|CRC/);
      // A damaged entry never appears under its name (another process may be waiting for it).
      expect(fs.existsSync(path.join(dest, 'a.bin'))).toBe(false);
    } finally {
      fs.rmSync(dest, { recursive: true, force: true });
    }
  });
});
