// Headless Debian Chromium driven by playwright-core (no browser download). Reuse it from any e2e test:
//
//   import { launchChromium, openApp, screenshot } from './helpers/browser';
//   const browser = await launchChromium();                 // fails with the apt-get hint if Chromium is missing
//   const app = await openApp(browser, serve);               // a page logged in through the launch URL
//   await app.page.goto(`${serve.origin}/#/drift`);          // any route
//   await screenshot(app.page, 'drift-report');              // → test-results/screenshots/drift-report-light.png (+ -dark)
//   await dropFiles(app.page, '.drop-target', [file]);       // drag-and-drop real files onto an element
//   expect(app.problems()).toEqual([]);                      // console errors, CSP violations, uncaught exceptions
//   await browser.close();                                   // in afterAll
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ROOT, startServe, type Serve, type ServeOptions } from './server';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (CI installs it) to run the end-to-end tests`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface App {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far; a CSP violation shows up here too. */
  problems(): string[];
}

export async function openApp(browser: Browser, serve: Serve, viewport = { width: 1280, height: 860 }): Promise<App> {
  const context = await browser.newContext({ viewport, colorScheme: 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on(
    'response',
    (r) =>
      r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`),
  );
  await page.goto(serve.launchUrl);
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  return { page, problems: () => [...problems] };
}

/** Saves the current screen in light and dark (prefers-color-scheme), full page; returns the paths. */
export async function screenshot(page: Page, name: string): Promise<string[]> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const paths: string[] = [];
  // The app scrolls inside <main>, so a full-page shot needs a viewport as tall as main's content.
  const viewport = page.viewportSize();
  const needed = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight + (document.documentElement.clientHeight - main.clientHeight) : 0;
  });
  if (viewport && needed > viewport.height)
    await page.setViewportSize({ width: viewport.width, height: Math.min(needed, 6000) });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Let canvas charts re-create themselves for the new scheme before the shot.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const file = path.join(SCREENSHOTS, `${name}-${colorScheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    paths.push(file);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
  return paths;
}

/** Drops files on the first element matching `selector`, as a user dragging them from the desktop would. */
export async function dropFiles(page: Page, selector: string, files: string[]): Promise<void> {
  const payload = files.map((f) => ({ name: path.basename(f), base64: fs.readFileSync(f).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name));
    }
    return dt;
  }, payload);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent(selector, type, { dataTransfer });
}

export interface WebApp {
  serve: Serve;
  browser: Browser;
  app: App;
  page: Page;
}

/**
 * The usual e2e lifecycle for a test file: the real `preflight serve` on a fresh workspace, Chromium,
 * one logged-in page; all stopped after the file. The returned object is filled in by beforeAll.
 */
export function useWebApp(options: ServeOptions = {}): WebApp {
  const web = {} as WebApp;
  beforeAll(async () => {
    web.browser = await launchChromium();
    web.serve = await startServe(options);
    web.app = await openApp(web.browser, web.serve);
    web.page = web.app.page;
  });
  afterAll(async () => {
    await web.browser?.close();
    await web.serve?.stop();
  });
  return web;
}

/**
 * Runs one step of a long test; on failure says which step, the URL, the page's problems and what
 * the page showed. `app` is read at call time (tests assign it in beforeAll).
 */
export async function step(app: () => App, name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const { page } = app();
    const text =
      (await page
        .locator('main')
        .textContent({ timeout: 2000 })
        .catch(() => '')) ?? '';
    throw new Error(
      `step "${name}": ${(e as Error).message}\nurl: ${page.url()}\nproblems: ${app().problems().join(' | ')}\npage: ${text.slice(0, 1500)}`,
      { cause: e },
    );
  }
}
