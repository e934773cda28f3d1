import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScope } from '../../../src/proxy/scope.js';
import { allow, route } from '../../../src/proxy/stages/route.js';
import { IDS } from '../support.js';
import { config, contextFor, run, throwsRefusal } from './support.js';

describe('route stage', () => {
  const stage = route(config());

  it('matches a spec template and notes the methods the allowlist permits', async () => {
    const context = contextFor(`/projects/${IDS.project}`);
    assert.ok((await run(stage, context)).reached);
    assert.equal(context.route?.route.template, '/projects/{id}');
    assert.equal(context.route?.id, IDS.project);
    assert.deepEqual(context.route?.methods, ['GET', 'HEAD']);
  });

  it('notes no methods where the allowlist has none, and refuses unknown paths', async () => {
    const context = contextFor('/beneficiaries');
    await run(stage, context);
    assert.deepEqual(context.route?.methods, []);
    const refusal = await throwsRefusal(run(stage, contextFor('/nope')), 'not_found', 404);
    assert.equal(refusal.message, 'No Registry API path matches /nope.');
  });
});

describe('allow stage', () => {
  const resolved = config();
  const routed = async (path: string, init: RequestInit = {}, options = resolved) => {
    const context = contextFor(path, init);
    await run(route(options), context);
    return context;
  };
  const stage = allow(resolved, createScope(undefined));

  it('sets the validated target with a canonical query', async () => {
    const context = await routed('/projects?last=2&first=3');
    assert.ok((await run(stage, context)).reached);
    assert.equal(context.operation, 'GET /projects');
    assert.equal(context.target?.path, '/projects');
    assert.equal(context.target?.query, '?first=3&last=2');
  });

  it('refuses operations outside the allowlist (403) and methods the path lacks (405, with Allow)', async () => {
    await throwsRefusal(run(stage, await routed('/beneficiaries')), 'operation_not_allowed', 403);
    await throwsRefusal(run(stage, await routed('/retirements', { method: 'POST', body: '{}' })), 'operation_not_allowed', 403);
    const refusal = await throwsRefusal(run(stage, await routed('/projects', { method: 'DELETE' })), 'method_not_allowed', 405);
    assert.equal(refusal.toResponse().headers.get('allow'), 'GET, HEAD');
  });

  it('refuses bad ids and parameters with 400', async () => {
    await throwsRefusal(run(stage, await routed('/projects/prj_nope')), 'invalid_id', 400);
    await throwsRefusal(run(stage, await routed('/projects?first=500')), 'invalid_parameter', 400);
    await throwsRefusal(run(stage, await routed('/projects?colour=red')), 'unknown_parameter', 400);
  });

  it('refuses what the scope excludes', async () => {
    const scoped = config({ scope: { projects: [IDS.project] } });
    const confined = allow(scoped, createScope(scoped.scope));
    await throwsRefusal(run(confined, await routed('/projects/prj_1CTWZQGKE1S0VAXB', {}, scoped)), 'out_of_scope', 403);
    assert.ok((await run(confined, await routed(`/projects/${IDS.project}`, {}, scoped))).reached);
  });

  it('hands on a request that no route matched (OPTIONS answered earlier)', async () => {
    assert.ok((await run(stage, contextFor('/projects'))).reached);
  });
});
