// Starting workerd for the tests: a config of Workers that share one bundle, the process, the ports its
// sockets bound (reported on --control-fd, so no port is guessed and nothing waits for time), and an
// HTTP client that sends request targets verbatim.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

const WORKERD = (createRequire(import.meta.url)('workerd') as { default: string }).default;

/** A response as the client saw it. */
export interface Seen {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A running workerd. */
export interface Workerd {
  /** The port each socket bound, by socket name. */
  readonly ports: Readonly<Record<string, number>>;
  /** Everything it wrote so far. */
  readonly output: { stdout: string; stderr: string };
  /** Resolves once `condition` holds of what it wrote to `stream`, checking as output arrives. */
  until(stream: 'stdout' | 'stderr', condition: (text: string) => boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A workerd config with one Worker per entry, each serving the bundle `bundle` (a path relative to the
 * config file) with the entry's text bindings on a loopback socket of the same name, outbound fetches
 * allowed to loopback only.
 */
export function workerdConfig(bundle: string, compatibilityDate: string, workers: Record<string, Record<string, string>>): string {
  const services = Object.entries(workers).map(([name, bindings]) => {
    const text = Object.entries(bindings).map(([key, value]) => `(name = ${JSON.stringify(key)}, text = ${JSON.stringify(value)})`);
    return `    (name = ${JSON.stringify(name)}, worker = (
      modules = [(name = "worker.js", esModule = embed ${JSON.stringify(bundle)})],
      compatibilityDate = ${JSON.stringify(compatibilityDate)},
      globalOutbound = "internet",
      bindings = [${text.join(', ')}],
    )),`;
  });
  const sockets = Object.keys(workers).map((name) => `(name = ${JSON.stringify(name)}, address = "127.0.0.1:0", http = (), service = ${JSON.stringify(name)})`);
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
${services.join('\n')}
    (name = "internet", network = (allow = ["local", "private"])),
  ],
  sockets = [${sockets.join(', ')}],
);
`;
}

/**
 * Runs `workerd serve <config> …args` with exactly `env` as its environment, and resolves once every
 * socket in `sockets` listens.
 */
export async function startWorkerd(config: string, options: { sockets: readonly string[]; args?: readonly string[]; env?: Record<string, string> }): Promise<Workerd> {
  const child = spawn(WORKERD, ['serve', config, ...(options.args ?? []), '--control-fd=3'], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: options.env ?? {},
  });
  const output = { stdout: '', stderr: '' };
  const streams = { stdout: child.stdout as Readable, stderr: child.stderr as Readable };
  for (const name of ['stdout', 'stderr'] as const) streams[name].setEncoding('utf8').on('data', (chunk: string) => (output[name] += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    await exit;
  };
  // --control-fd reports each socket's port: {"event":"listen","socket":"<name>","port":N}.
  const control = child.stdio[3] as Readable;
  control.setEncoding('utf8');
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`workerd exited with ${String(code)}: ${output.stderr}`);
  });
  exited.catch(() => undefined);
  const ports: Record<string, number> = {};
  let events = '';
  try {
    while (options.sockets.some((name) => !ports[name])) {
      await Promise.race([once(control, 'data').then(([chunk]) => (events += String(chunk))), exited]);
      const lines = events.split('\n');
      events = lines.pop() ?? '';
      for (const line of lines) {
        const event = JSON.parse(line) as { event: string; socket?: string; port?: number };
        if (event.event === 'listen' && event.socket && event.port) ports[event.socket] = event.port;
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ports,
    output,
    async until(stream, condition) {
      while (!condition(output[stream])) await once(streams[stream], 'data');
    },
    stop,
  };
}

/** One request through Node's http client, which sends the target verbatim. */
export function send(port: number, target: string, init: { method?: string; headers?: Readonly<Record<string, string>>; body?: string } = {}): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: target, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
