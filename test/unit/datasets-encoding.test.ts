// A UTF-8 file with a few bad bytes is not Latin-1: the import stops at the first invalid sequence
// (line and byte offset) unless the user names the encoding; detection reads only the start. The
// recorded SHA-256 is of the bytes on disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { detectEncoding, firstInvalidUtf8 } from '../../electron/core/datasets/readers/text-file';
import { FIXTURES, tempDir } from '../helpers/workspace';
import { runCli } from '../helpers/cli';

const tmp = tempDir('preflight-encoding-');
let core: Core;
let client: ReturnType<typeof createClient>;
beforeAll(() => {
  core = createCore({ workspaceDir: path.join(tmp.dir, 'ws') });
  client = createClient(inProcessTransport(core));
});
afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

/** 200,000 lines of "café N" after a header, then one line holding a 0xFF byte. */
function cafes(ext: 'csv' | 'jsonl'): { file: string; offset: number; line: number } {
  const lines: string[] = ext === 'csv' ? ['name,n'] : [];
  for (let i = 0; i < 200_000; i++)
    lines.push(ext === 'csv' ? `café ${i},${i}` : JSON.stringify({ name: `café ${i}`, n: i }));
  const head = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const bad =
    ext === 'csv'
      ? Buffer.from([0x62, 0x61, 0xff, 0x64, 0x2c, 0x31, 0x0a])
      : Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d, 0x0a]);
  const file = path.join(tmp.dir, `cafes.${ext}`);
  fs.writeFileSync(file, Buffer.concat([head, bad]));
  return { file, offset: head.length + bad.indexOf(0xff), line: lines.length + 1 };
}

describe('UTF-8 with one bad byte', () => {
  it.each(['csv', 'jsonl'] as const)(
    '%s: stops with the line and byte offset of the invalid sequence, nothing imported',
    async (ext) => {
      const { file, offset, line } = cafes(ext);
      const err = await client.run('datasets/add', { path: file, name: `cafes_${ext}` }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'INVALID_INPUT', details: { line, byteOffset: offset } });
      expect((err as Error).message).toContain(`line ${line}, byte offset ${offset}: invalid UTF-8 (0xFF`);
      expect((err as Error).message).toMatch(/--encoding latin-1/);
      expect(await client.call('datasets/list', {})).toEqual([]);
    },
  );

  it('is read as Latin-1 when the user asks (--encoding latin-1), and says so', async () => {
    const { file } = cafes('csv');
    const res = await runCli([
      'datasets',
      'add',
      file,
      '--encoding',
      'latin-1',
      '--workspace',
      path.join(tmp.dir, 'ws-cli'),
    ]);
    expect(res.code).toBe(0);
    expect(res.json.import.encoding).toBe('latin-1 (as asked)');
    const bad = await runCli([
      'datasets',
      'add',
      file,
      '--encoding',
      'ebcdic',
      '--workspace',
      path.join(tmp.dir, 'ws-cli'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.json.error.message).toMatch(/utf-8 or latin-1/);
  });

  it('a real Latin-1 file is still detected as Latin-1', async () => {
    const d = await client.run('datasets/add', { path: path.join(FIXTURES, 'datasets', 'latin1.csv'), name: 'latin' });
    expect(d.import.encoding).toBe('latin-1');
  });
});

describe('encoding detection', () => {
  it('reads only the start of the file: a bad byte past the first MiB is left to the streaming check', async () => {
    const file = path.join(tmp.dir, 'late-bad.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`a\n${'x\n'.repeat(1 << 20)}`), Buffer.from([0xe9, 0x0a])]));
    const info = await detectEncoding(file, new AbortController().signal);
    expect(info.encoding).toBe('utf8');
  });

  it('finds the first invalid sequence exactly (overlong, surrogate, truncated)', () => {
    expect(firstInvalidUtf8(Buffer.from('café', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2); // surrogate
    expect(firstInvalidUtf8(Buffer.from([0xe2, 0x82]))).toBe(0); // truncated
  });
});

describe('provenance', () => {
  it('records the SHA-256 of the file as it is on disk (text hashed from the reads themselves, on the insert thread or, without one, on the calling thread)', async () => {
    const csv = path.join(tmp.dir, 'hashed.csv');
    // A BOM, CRLF line ends and several 64 KiB reads.
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},caf\u00e9 ${i % 13},${(i / 7).toFixed(3)}`);
    fs.writeFileSync(csv, `\ufeffid,label,x\r\n${rows.join('\r\n')}\r\n`);
    const jsonl = path.join(tmp.dir, 'hashed.jsonl');
    fs.writeFileSync(jsonl, rows.map((r) => JSON.stringify({ r })).join('\n'));
    const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    const header = path.join(tmp.dir, 'header-only.csv');
    fs.writeFileSync(header, 'a,b\n');
    const before = process.env.PREFLIGHT_INGEST_THREAD;
    try {
      for (const thread of ['1', '0']) {
        process.env.PREFLIGHT_INGEST_THREAD = thread;
        for (const [file, name] of [
          [csv, 'hashed-csv'],
          [jsonl, 'hashed-jsonl'],
          [path.join(FIXTURES, 'datasets', 'quoted-newlines.csv'), 'hashed-small'],
          [header, 'hashed-header'],
        ]) {
          const d = await client.run('datasets/add', { path: file, name: `${name}-${thread}` });
          expect(d.import.sha256, `${name}, insert thread ${thread}`).toBe(sha(file));
        }
      }
    } finally {
      if (before === undefined) delete process.env.PREFLIGHT_INGEST_THREAD;
      else process.env.PREFLIGHT_INGEST_THREAD = before;
    }
  });
});
