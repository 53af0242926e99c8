// First run in web mode: an empty workspace offers the demo; one click builds it and lands on the
// drift report, whose numbers come from data generated on this machine.
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type App, useWebApp } from './helpers/browser';
import type { Serve } from './helpers/server';

const web = useWebApp();
let serve: Serve;
let app: App;
beforeAll(() => {
  ({ serve, app } = web);
});

describe('the first-run demo', () => {
  it('builds the demo from the empty Models screen and opens its drift report', async () => {
    const page = app.page;
    // The app opens on Readiness (it offers the demo too, see readiness.e2e); this is the Models screen's offer.
    await page.goto(`${serve!.origin}/#/models`);
    await page.getByRole('heading', { name: 'Add an .onnx model to get started' }).waitFor();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByRole('status').filter({ hasText: 'Building the demo' }).waitFor();
    await page.waitForURL(/#\/drift\/\d+$/, { timeout: 90_000 });
    await page.getByText('utilization').first().waitFor();
    await expect(
      page
        .getByText(/demo-training/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, 'demo-drift-report');

    await page.goto(`${serve!.origin}/#/models`);
    await page.locator('table').getByText('demo-credit-risk').first().waitFor();
    await page.goto(`${serve!.origin}/#/bench`);
    await page
      .locator('table')
      .getByText(/demo-credit-risk/)
      .first()
      .waitFor();
    await screenshot(page, 'demo-bench-history');
    expect(app.problems()).toEqual([]);
  });
});
