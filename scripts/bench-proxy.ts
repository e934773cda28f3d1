// `node --import tsx scripts/bench-proxy.ts`: load on loopback with autocannon, 3 s per scenario.
// The local registry and the proxies run in two child processes of their own (as the API and the proxy
// would on two machines); autocannon runs here. Prints requests/s and p50/p99 latency for the same
// reads sent to the registry directly, through the proxy with its cache, and through the proxy with
// cacheTtl 0; the proxy/direct ratios; and how many reads the rate limiter let through under load.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS } from '../src/local-registry/index.js';
import { createProxy, serve } from '../src/proxy/index.js';

const DURATION = 3;
const CONNECTIONS = 10;
const RATE_LIMIT = 600;
const S = SAMPLE_IDS;
/** The read mix: a list, a project, a retirement, a supplier, a balance. */
const READS = ['/projects?first=10', `/projects/${S.project}`, `/retirements/${S.retirement}`, `/suppliers/${S.supplier}`, `/organisations/${S.organisation}/credit_balance`];

type Role = { role: 'registry' } | { role: 'proxies'; upstream: string };

/** Child process: start the servers and report their URLs as one JSON line. */
async function child(role: Role): Promise<void> {
  if (role.role === 'registry') {
    const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
    const server = await serve((request) => registry.handler(request), { port: 0 });
    process.stdout.write(`${JSON.stringify({ registry: server.url })}\n`);
    return;
  }
  const common = { apiUrl: `${role.upstream}/registry/v0`, ...LOCAL_DEFAULTS, basePath: '/api', readRateLimitPerMinute: 0, readMissRateLimitPerMinute: 0 };
  const cached = await serve(createProxy({ ...common, cacheTtl: 60 }), { port: 0 });
  const uncached = await serve(createProxy({ ...common, cacheTtl: 0 }), { port: 0 });
  const limited = await serve(createProxy({ ...common, cacheTtl: 60, readRateLimitPerMinute: RATE_LIMIT }), { port: 0 });
  process.stdout.write(`${JSON.stringify({ cached: cached.url, uncached: uncached.url, limited: limited.url })}\n`);
}

async function start(args: string[]): Promise<{ process: ChildProcess; urls: Record<string, string> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  proc.stdout?.setEncoding('utf8');
  while (!text.includes('\n')) {
    const [chunk] = (await Promise.race([once(proc.stdout as NodeJS.ReadableStream, 'data'), once(proc, 'exit').then(() => { throw new Error(`${args.join(' ')} exited`); })])) as [string];
    text += chunk;
  }
  return { process: proc, urls: JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, string> };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  statuses: Record<string, number>;
}

async function load(base: string, prefix: string, headers: Record<string, string> = {}): Promise<Figures> {
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    headers,
    requests: READS.map((path) => ({ method: 'GET' as const, path: `${prefix}${path}` })),
  });
  const statuses: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stats.count ?? 0;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, statuses };
}

async function main(): Promise<void> {
  const registry = await start(['--role=registry']);
  const proxies = await start(['--role=proxies', `--upstream=${registry.urls['registry']}`]);
  const children = [registry.process, proxies.process];
  try {
    const secrets = { 'x-client-secret': LOCAL_DEFAULTS.clientSecret, authorization: `Bearer ${LOCAL_DEFAULTS.accessToken}` };
    const urls = { ...registry.urls, ...proxies.urls } as Record<'registry' | 'cached' | 'uncached' | 'limited', string>;
    // Warm each path once (JIT, the proxy's cache, connection set-up) before measuring.
    for (const path of READS) {
      await (await fetch(`${urls.registry}/registry/v0${path}`, { headers: secrets })).arrayBuffer();
      await (await fetch(`${urls.cached}/api${path}`)).arrayBuffer();
      await (await fetch(`${urls.uncached}/api${path}`)).arrayBuffer();
    }
    const direct = await load(urls.registry, '/registry/v0', secrets);
    const cached = await load(urls.cached, '/api');
    const uncached = await load(urls.uncached, '/api');
    const limited = await load(urls.limited, '/api');

    const row = (name: string, f: Figures) =>
      `${name.padEnd(38)}${f.rps.toFixed(0).padStart(9)}${f.p50.toFixed(1).padStart(9)}${f.p99.toFixed(1).padStart(9)}   ${Object.entries(f.statuses).map(([code, count]) => `${code}\u00d7${count}`).join(' ')}`;
    const lines = [
      `proxy bench: ${CONNECTIONS} connections, ${DURATION} s per scenario, loopback, ${READS.length} reads in rotation (Node ${process.version})`,
      '',
      `${'scenario'.padEnd(38)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}   statuses`,
      row('direct to the local registry', direct),
      row('through the proxy, cached (TTL 60 s)', cached),
      row('through the proxy, uncached (TTL 0)', uncached),
      '',
      `ratio proxy/direct, cached:    throughput ${(cached.rps / direct.rps).toFixed(2)}\u00d7, p50 ${(cached.p50 / direct.p50).toFixed(2)}\u00d7`,
      `ratio proxy/direct, uncached:  throughput ${(uncached.rps / direct.rps).toFixed(2)}\u00d7, p50 ${(uncached.p50 / direct.p50).toFixed(2)}\u00d7`,
      '',
      row(`rate limit ${RATE_LIMIT}/min, one client`, limited),
      `  limit held: ${limited.statuses['200'] ?? 0} \u00d7 200 (limit ${RATE_LIMIT}), ${limited.statuses['429'] ?? 0} \u00d7 429 out of ${limited.total}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if ((limited.statuses['200'] ?? 0) > RATE_LIMIT) process.exitCode = 1;
  } finally {
    for (const proc of children) proc.kill('SIGTERM');
  }
}

const role = process.argv.find((arg) => arg.startsWith('--role='))?.slice('--role='.length);
if (role === 'registry') await child({ role });
else if (role === 'proxies') await child({ role, upstream: process.argv.find((arg) => arg.startsWith('--upstream='))?.slice('--upstream='.length) ?? '' });
else await main();
