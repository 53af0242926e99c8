// One date format and one number format for the CLI, the app and the HTML reports (shared/format).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as reportFormat from '../../electron/core/reports/format';
import { isoLocal } from '../../electron/core/reports/provenance';
import * as driftFormat from '../../renderer/drift/format';
import * as ui from '../../renderer/ui/format';
import { formatCount as latencyCount } from '../../shared/math/latency/format';
import {
  formatCount,
  formatDateTime,
  formatNumber,
  formatSeconds,
  formatShare,
  formatTimings,
} from '../../shared/format/index';

/** Deterministic generator (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('one format, every surface', () => {
  it('the screen, the HTML report and the benchmark verdicts use the same functions', () => {
    expect(driftFormat.num).toBe(formatNumber);
    expect(reportFormat.num).toBe(formatNumber);
    expect(driftFormat.pct).toBe(formatShare);
    expect(reportFormat.pct).toBe(formatShare);
    expect(ui.formatCount).toBe(formatCount);
    expect(latencyCount).toBe(formatCount);
    expect(reportFormat.count).toBe(formatCount);
    expect(ui.formatDate).toBe(formatDateTime);
    const d = new Date('2026-03-04T05:06:07Z');
    expect(isoLocal(d)).toBe(formatDateTime(d));
  });

  it('no surface formats numbers or dates its own way (toLocaleString depends on the host)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && /toLocale(String|DateString|TimeString)\(/.test(fs.readFileSync(p, 'utf8')))
          offenders.push(p);
      }
    };
    for (const dir of ['renderer', 'electron/cli', 'electron/core/reports']) walk(dir);
    expect(offenders).toEqual([]);
  });

  it("no issue numbers in the product's text (comments aside)", () => {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(tsx?|html|css)$/.test(e.name))
          fs.readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              const code = line
                .replace(/\/\/.*$/, '')
                .replace(/^\s*\*.*$/, '')
                .replace(/\/\*.*?\*\//g, '');
              if (/\bissues? #?\d+\b|\(#\d+\)|\bsee #\d+/i.test(code)) hits.push(`${p}:${i + 1}: ${line.trim()}`);
            });
      }
    };
    for (const dir of ['renderer', 'electron', 'shared']) walk(dir);
    expect(hits).toEqual([]);
  });
});

describe('dates: ISO 8601 with the time zone', () => {
  it('writes any instant so that parsing it gives the same second back, in any offset', () => {
    const rand = rng(11);
    for (let i = 0; i < 500; i++) {
      const ms = Math.floor(1.5e12 + rand() * 3e11);
      const offset = Math.round((rand() * 26 - 12) * 4) * 15; // whole quarter hours, −12:00…+14:00
      const text = formatDateTime(new Date(ms).toISOString(), offset);
      expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(Date.parse(text)).toBe(Math.floor(ms / 1000) * 1000);
    }
    expect(formatDateTime('2026-12-03T22:04:05.123Z', 60)).toBe('2026-12-03T23:04:05+01:00');
    expect(formatDateTime('2026-12-03T22:04:05Z', -330)).toBe('2026-12-03T16:34:05-05:30');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('numbers', () => {
  it('groups counts by thousands, the same on every host', () => {
    const rand = rng(3);
    for (let i = 0; i < 200; i++) {
      const n = Math.floor(rand() * 10 ** Math.floor(rand() * 12));
      expect(formatCount(n).replace(/,/g, '')).toBe(String(n));
      expect(formatCount(n)).toMatch(/^\d{1,3}(,\d{3})*$/);
    }
  });

  it('keeps small shares visible: 0.03%, never 0.0%', () => {
    expect(formatShare(0.0003)).toBe('0.03%');
    expect(formatShare(0.000012)).toBe('0.0012%');
    expect(formatShare(0.371)).toBe('37.1%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(0.004, 0)).toBe('0.4%');
    const rand = rng(5);
    for (let i = 0; i < 500; i++) {
      const share = rand() * 10 ** -Math.floor(rand() * 7);
      const shown = Number(formatShare(share).replace('%', '')) / 100;
      // Never rounds a real share to zero, and stays within 5% of it (two significant digits at least).
      expect(shown).toBeGreaterThan(0);
      expect(Math.abs(shown - share) / share).toBeLessThan(0.05 + (share >= 0.001 ? 0.0005 / share : 0));
    }
  });

  it('statistics: fixed decimals for everyday sizes, an exponent for p-values like 1e-300', () => {
    expect(formatNumber(1e-300)).toBe('1.00e-300');
    expect(formatNumber(0.0421)).toBe('0.0421');
    expect(formatNumber(12.3456)).toBe('12.35');
    expect(formatNumber(null)).toBe('—');
  });
});

describe('timings add up', () => {
  it('total = read + compute (+ other, named, when the total holds more)', () => {
    const rand = rng(7);
    for (let i = 0; i < 300; i++) {
      const read = rand() * 3;
      const compute = rand() * 3;
      const extra = rand() < 0.5 ? 0 : rand() * 2;
      const total = read + compute + extra;
      const text = formatTimings({ readSeconds: read, computeSeconds: compute, totalSeconds: total });
      const seconds = (s: string) =>
        s.endsWith('ms') ? Number(s.replace(' ms', '')) / 1000 : Number(s.replace(' s', ''));
      const m = /^(.+?) \(read (.+?) \+ compute (.+?)(?: \+ other (.+?))?\)$/.exec(text);
      expect(m, text).not.toBeNull();
      const parts = [m![2], m![3], m![4]].filter(Boolean).map((s) => seconds(s!));
      // Each part is rounded to 1 ms (or 10 ms above a second): the sum is the total within that.
      expect(Math.abs(parts.reduce((a, b) => a + b, 0) - seconds(m![1]))).toBeLessThan(0.02);
      expect(m![4] !== undefined).toBe(extra >= 0.0005);
    }
    expect(formatSeconds(0.42)).toBe('420 ms');
    expect(formatSeconds(1.254)).toBe('1.25 s');
  });
});
