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

    // The address Stripe sent the buyer back to, as requested: the element soon takes its parameters out.
    const [back] = await Promise.all([page.waitForRequest(/iso_checkout=success/), page.getByRole('link', { name: 'Pay' }).click()]);
    const url = new URL(back.url());
    assert.equal(url.pathname, '/checkout.html');
    assert.match(url.searchParams.get('iso_checkout_session') ?? '', /^\S+$/, 'the session id replaced the placeholder');
    const status = page.locator('iso-checkout-button[theme="dark"] [part="return-status"]');
    await status.getByText('Thank you').waitFor();
    const message = (await status.textContent()) ?? '';
    // What this tab ordered, and Stripe's reference for it.
    assert.match(message, /Your order: 2\s*t of carbon removal every month\./);
    assert.ok(message.includes(url.searchParams.get('iso_checkout_session')!), 'the Stripe reference is shown');
    // The return parameters are gone from the address: a reload thanks no one.
    await page.waitForFunction(() => !location.search.includes('iso_checkout'));
    assert.equal(new URL(page.url()).pathname, '/checkout.html');
    await page.reload();
    await page.locator('iso-checkout-button[theme="dark"] [part="button"]').waitFor();
    assert.equal(await page.locator('iso-checkout-button [part="return-status"]').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  for (const [width, height] of [
    [1280, 720],
    [360, 640],
  ] as const) {
    test(`the dialog fits ${width}×${height}: the submit button and the total are in the viewport`, async () => {
      const page = await demo.browser.newPage({ viewport: { width, height } });
      await page.goto(`${demo.url}/checkout.html`);
      const hero = page.locator('iso-checkout-button[theme="dark"]');
      await hero.locator('[part="button"]').click();
      const dialog = hero.locator('dialog[open]');
      await dialog.locator('[part="submit-button"]').waitFor();
      for (const part of ['submit-button', 'total', 'heading']) {
        const box = await dialog.locator(`[part="${part}"]`).boundingBox();
        assert.ok(box, `${part} has a box`);
        assert.ok(box.y >= 0 && box.x >= 0 && box.y + box.height <= height && box.x + box.width <= width, `${part} at ${JSON.stringify(box)} is outside ${width}×${height}`);
      }
      // Every field can still be reached: the form body scrolls to the last checkbox, above the footer.
      await dialog.locator('#accept-supplier').check();
      await dialog.locator('#accept-isometric').check();
      assert.equal(await dialog.locator('[part="submit-button"]').getAttribute('aria-disabled'), 'false');
      await page.close();
    });
  }
});
