// `npm start` itself, as the README tells a person to run it on a fresh checkout: it builds what it
// needs, then serves the demo, the proxy and the embedded local registry on one port. Runs before the
// end-to-end suites, whose dist/ it builds.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);

test('npm start builds and serves the demo, the proxy and the local registry', { timeout: 180_000 }, async () => {
  // Under `npm run`, npm_execpath is npm's own script; otherwise `npm` is on the PATH.
  const npm = process.env.npm_execpath;
  const child = spawn(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', ISOMETRIC_API_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm runs the build and the server as children, and all of them stop.
    detached: true,
  });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /isometric-widgets demo: (http:\/\/[\d.:a-z[\]]+)\//.exec(output);
        if (match) resolve(match[1]!);
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${output}`)));
    });
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<iso-project-card /);
    const script = await fetch(`${url}/dist/isometric-widgets.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    const projects = await fetch(`${url}/api/projects?first=1`);
    assert.equal(projects.status, 200);
    const body = (await projects.json()) as { nodes: { id: string }[] };
    assert.equal(body.nodes.length, 1);
    assert.match(body.nodes[0]!.id, /^prj_/);
    assert.match(output, /proxy .*\/api\/ → the embedded local registry/);
  } finally {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
      await once(child, 'exit');
    }
  }
});
