import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const entry = process.argv[2];
const r = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', write: false, metafile: true, target: 'es2022', conditions: ['production'], legalComments: 'none', tsconfig: 'tsconfig.json' });
const out = r.outputFiles[0].contents;
console.log('min', out.length, 'gz', gzipSync(out, { level: 9 }).length);
const inputs = Object.values(r.metafile.outputs)[0].inputs;
for (const [k, v] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, +process.argv[3] || 40)) console.log(String(v.bytesInOutput).padStart(6), k.replace(/.*node_modules\//, 'nm/'));
