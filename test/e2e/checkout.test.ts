import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useDemo } from './support.js';

describe('buying carbon removal from the demo, end to end in Chromium', () => {
  const demo = useDemo();

  test('buy 2 t monthly: dialog → local Stripe simulator → pay → thank-you message', async () => {
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${demo.url}/checkout.html`);

    const hero = page.locator('iso-checkout-button[theme="dark"]');
    await hero.locator('[part="button"]').click();
    const dialog = hero.locator('dialog[open]');
    await dialog.waitFor();

    await dialog.locator('[part="quantity-input"]').fill('2');
    await dialog.getByRole('radio', { name: 'Every month' }).check();
    await dialog.locator('#accept-isometric').check();
    await dialog.locator('#accept-supplier').check();
    const total = await dialog.locator('[part="total"]').textContent();
    // 2 t × (120.00 + 15.00) USD per tonne, from the local registry's Stripe configuration.
    assert.equal(total?.trim(), '$270.00');

    await Promise.all([page.waitForURL(/\/registry\/v0\/_local\/checkout\//), dialog.locator('[part="submit-button"]').click()]);
    const order = (await page.locator('body').textContent()) ?? '';
    assert.match(order, /2(\.000)?\s*t/);
    assert.match(order, /monthly/i);

    await Promise.all([page.waitForURL(/iso_checkout=success/), page.getByRole('link', { name: 'Pay' }).click()]);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/checkout.html');
    assert.match(url.searchParams.get('iso_checkout_session') ?? '', /^\S+$/, 'the session id replaced the placeholder');
    const status = page.locator('iso-checkout-button[theme="dark"] [part="return-status"]');
    await status.waitFor();
    assert.match((await status.textContent()) ?? '', /Thank you/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
