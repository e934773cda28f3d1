// A test-runner command that emulates media in one Chrome DevTools Protocol call:
// `executeServerCommand('emulate-media-cdp', { media: 'print', features: { 'forced-colors': 'active' } })`.
// @web/test-runner-commands' emulateMedia cannot emulate forced colours under Puppeteer (it passes only
// prefers-color-scheme and prefers-reduced-motion), and sets the media type and the features in two
// calls. Each call here replaces the whole emulation: an empty payload resets it.
import type { TestRunnerPlugin } from '@web/test-runner';

interface MediaPayload {
  media?: '' | 'screen' | 'print';
  features?: Record<string, string>;
}

interface CdpPage {
  createCDPSession(): Promise<{ send(method: string, params: object): Promise<unknown> }>;
}

export function emulateMediaCdpPlugin(): TestRunnerPlugin {
  const sessions = new WeakMap<object, Awaited<ReturnType<CdpPage['createCDPSession']>>>();
  return {
    name: 'emulate-media-cdp',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-cdp') return undefined;
      const browser = session.browser as unknown as { type: string; getPage(id: string): CdpPage };
      if (browser.type !== 'puppeteer') throw new Error(`emulate-media-cdp needs a Chrome launcher, not ${browser.type}`);
      const page = browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      const { media = '', features = {} } = (payload ?? {}) as MediaPayload;
      await cdp.send('Emulation.setEmulatedMedia', { media, features: Object.entries(features).map(([name, value]) => ({ name, value })) });
      return true;
    },
  };
}
