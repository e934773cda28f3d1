// Component tests in real headless Chromium. The dev server also mounts the proxy at /api and the
// local registry at /registry/v0 (test/support/dev-server.ts), so elements load real data over HTTP.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { registryMiddleware } from './test/support/dev-server.ts';
import { emulateMediaCdpPlugin } from './test/support/emulate-media-plugin.ts';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  files: ['test/elements/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), emulateMediaCdpPlugin()],
  middleware: [registryMiddleware()],
  concurrency: 2,
  testFramework: { config: { timeout: 15000 } },
  browsers: [
    chromeLauncher({
      // A page in its own browser context is visible and focused, so it gets animation frames
      // (fixture() waits on them) and keyboard focus, even while other test files run.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
