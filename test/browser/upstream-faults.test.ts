// The whole path under fault: a real, deliberately misbehaving upstream (test/support/faulty-upstream.ts)
// → the real proxy over HTTP (/faulty-api/<fault>, test/support/dev-server.ts) → each element in
// Chromium. The proxy turns every fault into a JSON answer that keeps its secrets; every element turns
// that answer into a readable state, and nothing escapes to the page.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { configure } from '../../src/data/config.js';
import type { RegistryErrorKind } from '../../src/data/errors.js';
import { sharedCache } from '../../src/elements/shared/registry-controller.js';
import { LOCAL_DEFAULTS } from '../../src/local-registry/registry.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';
import type { ProxyErrorCode } from '../../src/proxy/errors.js';
import { errorKind, make } from '../support/data-element-suite.js';
import { ELEMENTS, nextTask, until, watchEscapesPerTest } from '../support/elements.js';
import { expectContained, expectReadableError, retryButton, settle } from '../support/fault-checks.js';
import type { UpstreamFault } from '../support/faulty-upstream.js';

interface Expected {
  /** The proxy's status for the fault. */
  status: number;
  /** The proxy's `error` code; absent when the upstream's answer passes through. */
  error?: ProxyErrorCode;
  /** The proxy's `Retry-After`. */
  retryAfter?: string;
  /** The error every element shows; absent when a fallback render is as good as an error. */
  kind?: RegistryErrorKind;
}

// What src/proxy/upstream.ts makes of each fault with no retries (as test/proxy/faults.test.ts has
// it), and what src/data/errors.ts makes of that: 429, 5xx and an unreachable proxy are `unavailable`.
const EXPECTED: Record<UpstreamFault, Expected> = {
  never: { status: 504, error: 'upstream_timeout', kind: 'unavailable' },
  trickle: { status: 504, error: 'upstream_timeout', kind: 'unavailable' },
  reset: { status: 502, error: 'upstream_unavailable', kind: 'unavailable' },
  'reset-mid-body': { status: 502, error: 'upstream_unavailable', kind: 'unavailable' },
  'status-500': { status: 502, error: 'upstream_error', kind: 'unavailable' },
  'status-503': { status: 502, error: 'upstream_error', kind: 'unavailable' },
  'rate-limited': { status: 503, error: 'upstream_rate_limited', retryAfter: '7', kind: 'unavailable' },
  html: { status: 502, error: 'upstream_error', kind: 'unavailable' },
  'malformed-json': { status: 502, error: 'upstream_error', kind: 'unavailable' },
  oversized: { status: 502, error: 'upstream_error', kind: 'unavailable' },
  'wrong-shape': { status: 200 },
};

const FAULTS = Object.keys(EXPECTED) as UpstreamFault[];
const SECRETS = [LOCAL_DEFAULTS.clientSecret, LOCAL_DEFAULTS.accessToken];

function endpoint(fault: UpstreamFault): string {
  return `/faulty-api/${fault}`;
}

describe('upstream faults: faulty upstream → proxy → element', () => {
  const escapes = watchEscapesPerTest();
  beforeEach(() => {
    sharedCache.clear();
  });

  for (const fault of FAULTS) {
    const expected = EXPECTED[fault];
    describe(fault, () => {
      it(`the proxy answers ${expected.status} ${expected.error ?? 'with the upstream body'}, as JSON, without its secrets`, async () => {
        const response = await fetch(`${endpoint(fault)}/projects/${SAMPLE_IDS.project}`);
        expect(response.status).to.equal(expected.status);
        expect(response.headers.get('content-type')).to.match(/^application\/json\b/);
        const text = await response.text();
        const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
        for (const secret of SECRETS) {
          expect(text, 'a secret in the body').to.not.contain(secret);
          expect(headers, 'a secret in the headers').to.not.contain(secret);
        }
        expect(response.headers.get('x-upstream-echo')).to.equal(null);
        const body = JSON.parse(text) as unknown;
        if (expected.error) {
          expect(body).to.have.keys('error', 'message');
          const { error, message } = body as { error: unknown; message: unknown };
          expect(error).to.equal(expected.error);
          expect(message).to.be.a('string').and.not.equal('');
          expect(response.headers.get('cache-control')).to.equal('no-store');
        } else {
          expect(body).to.deep.equal([]);
        }
        expect(response.headers.get('retry-after')).to.equal(expected.retryAfter ?? null);
      });

      for (const spec of ELEMENTS) {
        it(`<${spec.tag}> shows ${expected.kind ? `a readable "${expected.kind}" error with a retry button` : 'a readable error or a fallback'}`, async () => {
          const el = await make(spec.tag, { ...spec.valid, endpoint: endpoint(fault) });
          await settle(el, spec);
          await expectContained(el, escapes);
          if (expected.kind) {
            expect(errorKind(el)).to.equal(expected.kind);
            expectReadableError(el);
            expect(retryButton(el), 'no retry button').to.not.equal(null);
          } else if (errorKind(el) !== null) {
            expectReadableError(el);
          } else {
            expect(spec.isLoaded(el), 'neither an error nor a fallback render').to.equal(true);
          }
          for (const secret of SECRETS) expect(el.shadowRoot!.innerHTML, 'a secret in the element').to.not.contain(secret);
          await nextTask();
          expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
        });
      }
    });
  }

  describe('recovery', () => {
    for (const spec of ELEMENTS) {
      // The page-wide endpoint, not the attribute: changing the attribute reloads by itself, and it
      // is the retry button that must recover here.
      it(`<${spec.tag}> loads the data on retry once the page's endpoint is a working proxy`, async () => {
        configure({ endpoint: endpoint('never') });
        const el = await make(spec.tag, { ...spec.valid });
        await until(() => errorKind(el) === 'unavailable', 'the hung upstream did not show as an error');
        configure({ endpoint: '/api' });
        await nextTask();
        expect(errorKind(el), 'it reloaded without the retry button').to.equal('unavailable');
        retryButton(el)!.click();
        await until(() => spec.isLoaded(el), 'retry did not load the data');
        expect(errorKind(el)).to.equal(null);
        await expectContained(el, escapes);
      });
    }
  });
});
