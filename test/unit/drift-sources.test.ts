import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useInProcessCore } from '../helpers/core';

const ws = useInProcessCore();

const csv = (values: number[]) => `x\n${values.map((v) => v.toFixed(3)).join('\n')}\n`;

describe('drift on files given by path', () => {
  it('reuses an unchanged file, and re-imports one overwritten at the same path with the same size', async () => {
    const client = ws.client();
    const ref = path.join(ws.dir, 'ref.csv');
    const cur = path.join(ws.dir, 'cur.csv');
    fs.writeFileSync(ref, csv(Array.from({ length: 50 }, (_, i) => i / 10)));
    fs.writeFileSync(cur, csv(Array.from({ length: 50 }, (_, i) => 5 + i / 10)));
    const first = await client.run('drift/run', { reference: ref, current: cur });
    const again = await client.run('drift/run', { reference: ref, current: cur });
    expect(again.current.name).toBe(first.current.name);

    // Tonight's export: same path, same byte length, other values, written after the import.
    const before = fs.statSync(cur).size;
    fs.writeFileSync(cur, csv(Array.from({ length: 50 }, (_, i) => i / 10)));
    expect(fs.statSync(cur).size).toBe(before);
    const future = new Date(Date.now() + 5000);
    fs.utimesSync(cur, future, future);
    const nightly = await client.run('drift/run', { reference: ref, current: cur });
    expect(nightly.current.name).not.toBe(first.current.name);
    expect(first.dataset.detected).toBe(true);
    expect(nightly.dataset.detected).toBe(false);
  });
});
