import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import { cleanBrowserDist, minifyLitTemplates, translationFiles } from './scripts/vite-plugins.js';

const root = import.meta.dirname;
const dist = resolve(root, 'dist');

/** Every element folder with its `<name>.ts` becomes its own entry, `dist/<name>.js`. */
function elementEntries(): Record<string, string> {
  const dir = resolve(root, 'src/elements');
  const entries: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const file = resolve(dir, name, `${name}.ts`);
    if (existsSync(file)) entries[name] = file;
  }
  return entries;
}

/**
 * Libraries and the folders whose modules elements share; see `codeSplitting` below. Translations
 * (`*.de.ts`, `*.fr.ts`, `*.ar.ts`) are loaded with `import()` and stay chunks of their own.
 */
const SHARED_CODE = /node_modules|@oxc-project|[\\/]src[\\/](?:(?:data|themes|events|elements[\\/]shared)[\\/]|i18n[\\/](?![^\\/]*\.(?:de|fr|ar)\.ts$))/;

const shared: UserConfig['build'] = {
  outDir: 'dist',
  emptyOutDir: false,
  target: 'es2022',
  sourcemap: true,
  // The sizes that matter are printed by `npm run size` (gzip of each file a page loads).
  reportCompressedSize: false,
};

/**
 * Two browser builds into dist/:
 * - `vite build` (default): the module graph for npm and the autoloader. `index.js` (every element),
 *   `autoloader.js`, one entry per element folder (`project-card.js`, …) and `react.js`, sharing
 *   hashed chunks in `dist/chunks/`.
 * - `vite build --mode bundle`: `isometric-widgets.js`, one self-contained module for a script tag.
 */
export default defineConfig(({ command, mode }): UserConfig => {
  if (command === 'serve') return devServer();
  if (mode === 'bundle') {
    return {
      plugins: [minifyLitTemplates(), translationFiles()],
      build: {
        ...shared,
        lib: { entry: { 'isometric-widgets': resolve(root, 'src/index.ts') }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
        rolldownOptions: { output: { minify: true, comments: false, codeSplitting: false } },
      },
    };
  }
  return {
    plugins: [cleanBrowserDist(dist), minifyLitTemplates()],
    build: {
      ...shared,
      lib: {
        entry: {
          index: resolve(root, 'src/index.ts'),
          autoloader: resolve(root, 'src/autoloader.ts'),
          react: resolve(root, 'src/generated/react.ts'),
          ...elementEntries(),
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        // The React wrappers use the application's React; @lit/react is a dependency it resolves.
        external: ['react', '@lit/react'],
        // An element's code stays in its own entry file (which index.js imports) instead of a chunk
        // behind a re-exporting facade: one request less per element.
        preserveEntrySignatures: 'allow-extension',
        output: {
          minify: true,
          comments: false,
          chunkFileNames: 'chunks/[name]-[hash].js',
          codeSplitting: {
            // Code that two or more elements use goes into one chunk (entries are index, react and the
            // elements, so "two elements" is four entries). Without this group Rolldown cuts it into
            // several small chunks, each one more request and a worse gzip ratio.
            groups: [{ name: 'shared', test: SHARED_CODE, minShareCount: 4 }],
          },
        },
      },
    },
  };
});

/**
 * `npm run dev`: the demo pages with hot reload. The pages' `/dist/isometric-widgets.js` is served from
 * the sources, and the proxy (`/api`) and local registry (`/registry/v0`) run inside Vite's server.
 */
function devServer(): UserConfig {
  return {
    root: resolve(root, 'demo'),
    publicDir: false,
    server: { fs: { allow: [root] } },
    resolve: { alias: [{ find: /^\/dist\/isometric-widgets\.js$/, replacement: resolve(root, 'src/index.ts') }] },
    plugins: [
      {
        name: 'isometric-widgets-demo-api',
        async configureServer(server) {
          const { registryMiddleware } = await import('./test/support/dev-server.js');
          const middleware = registryMiddleware();
          server.middlewares.use((req, res, next) => {
            const path = (req.url ?? '/').split('?')[0] ?? '/';
            const ctx = { path, req, res, respond: true };
            void middleware(ctx, async () => next()).catch(next);
          });
          server.middlewares.use('/custom-elements.json', (_req, res) => {
            res.setHeader('content-type', 'application/json');
            res.end(readFileSync(resolve(root, 'custom-elements.json')));
          });
        },
      },
    ],
  };
}
