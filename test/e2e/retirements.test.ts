import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useDemo } from './support.js';

describe('the retirement demo pages in Chromium', () => {
  const demo = useDemo();

  test('the sustainability page shows counter, feed and certificate; choosing an entry shows its certificate', async () => {
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${demo.url}/sustainability.html`);
    await page.locator('iso-impact-counter [part="figure"]').first().waitFor();
    const entries = page.locator('iso-retirement-feed').first().locator('[part~="entry"]');
    await entries.first().waitFor();
    assert.equal(await entries.count(), 5);
    await page.locator('iso-retirement-certificate [part="batches"]').waitFor();

    const before = await page.locator('iso-retirement-certificate').getAttribute('retirement-id');
    await page.locator('iso-retirement-feed').first().locator('[part~="entry-button"]').nth(1).click();
    await page.waitForFunction((old) => document.querySelector('iso-retirement-certificate')?.getAttribute('retirement-id') !== old, before);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the live feed puts a simulated retirement at the top', async () => {
    const page = await demo.browser.newPage();
    await page.clock.install();
    await page.goto(`${demo.url}/live-feed.html`);
    const feed = page.locator('iso-retirement-feed').first();
    await feed.locator('[part~="entry"]').first().waitFor();
    await page.locator('#simulate').click();
    // The feed polls every 15 s; the page clock moves time on instead of waiting for it.
    await page.clock.fastForward(16_000);
    await feed.locator('[part~="entry-new"]').first().waitFor();
    assert.ok((await feed.locator('[part~="entry-new"]').count()) >= 1);
    await page.close();
  });
});
