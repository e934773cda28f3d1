import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

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

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        'isometric-widgets': resolve(root, 'src/index.ts'),
        ...elementEntries(),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
