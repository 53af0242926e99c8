// Screenshots of every screen, at 1024×768 and 1440×900, in light and dark, of the demo workspace —
// written to test-results/screens/ (git-ignored) so a reviewer can look at the whole app at once.
// Web mode (build first: `npm run build`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers/workspace';
import { type App, useWebApp } from './helpers/browser';
import { type Serve } from './helpers/server';

const SCREENS = path.join(ROOT, 'test-results', 'screens');
const ws = tempDir('preflight-e2e-screens-');
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [CLI, ...args, '--workspace', ws.dir, '--json'], { encoding: 'utf8' });
cli('demo');
const run = (JSON.parse(cli('bench', '--list')) as { runId: number }[])[0].runId;
const report = (JSON.parse(cli('drift', 'list')) as { id: number }[])[0].id;

/**
 * What a reader at this size would miss: a table wider than its box with no visible hint, a name broken
 * across lines, a select box too narrow for the name it shows.
 */
function layoutProblems(): string[] {
  const problems: string[] = [];
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  for (const wrap of document.querySelectorAll('.table-wrap')) {
    if (!visible(wrap) || wrap.scrollWidth <= wrap.clientWidth + 1) continue;
    const hint = wrap.nextElementSibling;
    if (!hint?.classList.contains('table-scroll-hint') || !visible(hint))
      problems.push(`table "${wrap.querySelector('caption')?.textContent ?? '?'}" hides columns without a scroll hint`);
  }
  for (const el of document.querySelectorAll(
    'section[aria-labelledby="drift-features"] td:first-child, .heat-feature, .ds-column-name',
  )) {
    if (!visible(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    if (lines.size > 1) problems.push(`name "${el.textContent}" breaks across ${lines.size} lines`);
  }
  const ctx = document.createElement('canvas').getContext('2d')!;
  for (const select of document.querySelectorAll('select')) {
    if (!visible(select)) continue;
    const style = getComputedStyle(select);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.selectedOptions[0]?.textContent ?? '';
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 14;
    if (ctx.measureText(text).width > room)
      problems.push(`select "${select.getAttribute('aria-label')}" cuts "${text}"`);
  }
  return problems;
}

/** Every screen, by its route and a word that says it has loaded. */
const SCREEN_LIST: [name: string, hash: string, ready: RegExp][] = [
  ['readiness', '#/readiness', /Readiness/],
  ['readiness-model', '#/readiness/demo-credit-risk', /demo-credit-risk/],
  ['models', '#/models', /Models/],
  ['model', '#/models/demo-credit-risk@1', /demo-credit-risk/],
  ['datasets', '#/datasets', /Datasets/],
  ['dataset', '#/datasets/demo-production', /demo-production/],
  ['benchmarks', '#/bench', /Benchmarks/],
  ['benchmark-run', `#/bench/${run}`, /./],
  ['drift', '#/drift', /Drift/],
  ['drift-report', `#/drift/${report}`, /Drift report/],
  ['bundles', '#/bundles', /Bundles/],
  ['bundle-new', '#/bundles/new', /./],
  ['audit', '#/audit', /Audit/],
];
const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
];

const web = useWebApp({ workspace: ws.dir });
let serve: Serve;
let app: App;
beforeAll(() => {
  ({ serve, app } = web);
  fs.rmSync(SCREENS, { recursive: true, force: true });
  fs.mkdirSync(SCREENS, { recursive: true });
});
afterAll(() => ws.cleanup());

describe('Screenshots of every screen', () => {
  it('walks the demo workspace at two sizes in light and dark', async () => {
    const { page } = app;
    const written: string[] = [];
    const layout: string[] = [];
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      for (const [name, hash, ready] of SCREEN_LIST) {
        await page.goto(`${serve.origin}/${hash}`);
        await page.getByRole('heading', { level: 1, name: ready }).first().waitFor();
        // Everything loaded: no placeholder left, charts drawn.
        await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 20_000 });
        // Two frames: late measurements (ResizeObserver) have drawn what they show.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        if (viewport.width === 1024) layout.push(...(await page.evaluate(layoutProblems)).map((p) => `${name}: ${p}`));
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const file = path.join(SCREENS, `${name}-${viewport.width}x${viewport.height}-${colorScheme}.png`);
          await page.screenshot({ path: file });
          written.push(file);
        }
        await page.emulateMedia({ colorScheme: 'light' });
      }
    }
    expect(layout).toEqual([]);
    expect(written).toHaveLength(SCREEN_LIST.length * VIEWPORTS.length * 2);
    for (const f of written) expect(fs.statSync(f).size, f).toBeGreaterThan(5000);
    expect(app.problems().filter((p) => p.startsWith('page error'))).toEqual([]);
  }, 300_000);
});
