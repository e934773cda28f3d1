import { expect, fixture, html, waitUntil } from '@open-wc/testing';
it('debug frame', async () => {
  const container = await fixture<HTMLDivElement>(html`<div><iframe title="x" srcdoc="<!doctype html><body></body>"></iframe></div>`);
  const frame = container.querySelector('iframe')!;
  await waitUntil(() => frame.contentDocument?.readyState === 'complete' && frame.contentDocument.body);
  const win = frame.contentWindow as Window & typeof globalThis;
  const src = new URL('../../src/elements/checkout-button/checkout-button.ts', import.meta.url).href;
  const r = await fetch(src);
  const body = await r.text();
  const script = win.document.createElement('script');
  script.type = 'module';
  script.src = src;
  const result = new Promise((resolve) => { script.onload = () => resolve('load'); script.onerror = (e) => resolve('error ' + String(e)); });
  win.addEventListener('error', (e) => { (window as any).__err = e.message; });
  win.document.head.append(script);
  const res = await result;
  throw new Error(JSON.stringify({ res, status: r.status, src, head: body.slice(0, 300), err: (window as any).__err, doc: win.location.href, base: win.document.baseURI }));
});
