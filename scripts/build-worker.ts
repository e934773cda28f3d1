// Bundles the proxy as a Worker (src/proxy/worker.ts) for workerd / Cloudflare Workers with esbuild:
// one ES module, no Node built-ins. `node --import tsx scripts/build-worker.ts [outfile]`
// (default dist/worker/worker.js), then `npx workerd serve workerd/config.capnp`.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Builds the Worker bundle to `outfile`; resolves with its size in bytes. */
export async function buildWorker(outfile = resolve(ROOT, 'dist/worker/worker.js')): Promise<number> {
  const result = await build({
    entryPoints: [resolve(ROOT, 'src/proxy/worker.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // Workers resolve no Node built-ins; the bundle must not reach for any.
    external: [],
    minify: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return output?.bytes ?? 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const outfile = resolve(process.argv[2] ?? resolve(ROOT, 'dist/worker/worker.js'));
  const bytes = await buildWorker(outfile);
  process.stdout.write(`built ${outfile} (${(bytes / 1024).toFixed(1)} KiB)\n`);
}
