// Elements are moved, removed and re-added by the pages and frameworks around them. Each time they
// must render correctly and leave nothing behind: no scheduled timer, no document or window listener,
// no request in flight, no open dialog or focus trap, no observer or animation frame, no entry in the
// shared locale observer's set.
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../src/index.js';
import { PollingController, systemClock } from '../../src/elements/shared/polling-controller.js';
import { holdResponses, useFetchSpy } from '../support/data-element-suite.js';
import { ELEMENTS, STRIPE_CONFIGURATION, ManualClock, nextTask, realAnswer, until, visibleText, watchEscapesPerTest, type ElementSpec, type Tag } from '../support/elements.js';

const CYCLES = 20;

function spec(tag: Tag): ElementSpec {
  return ELEMENTS.find((candidate) => candidate.tag === tag)!;
}

interface Listener {
  target: EventTarget;
  type: string;
  listener: unknown;
  capture: boolean;
}

/**
 * Counts the listeners added to `document` and `window` and not removed since installing, by type.
 * (The DOM ignores a second add of the same listener and a remove of an unknown one; so does this.)
 */
function trackListeners(): { count(type?: string): number; restore(): void } {
  const live: Listener[] = [];
  const capture = (options: boolean | EventListenerOptions | undefined) => (typeof options === 'boolean' ? options : !!options?.capture);
  const find = (target: EventTarget, type: string, listener: unknown, options: boolean | EventListenerOptions | undefined) =>
    live.findIndex((entry) => entry.target === target && entry.type === type && entry.listener === listener && entry.capture === capture(options));
  const targets: EventTarget[] = [document, window];
  for (const target of targets) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    Object.defineProperty(target, 'addEventListener', {
      configurable: true,
      value: (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
        const once = typeof options === 'object' && options.once;
        if (listener && !once && find(target, type, listener, options) < 0) live.push({ target, type, listener, capture: capture(options) });
        add(type, listener, options);
      },
    });
    Object.defineProperty(target, 'removeEventListener', {
      configurable: true,
      value: (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) => {
        const index = find(target, type, listener, options);
        if (index >= 0) live.splice(index, 1);
        remove(type, listener, options);
      },
    });
  }
  return {
    count: (type) => live.filter((entry) => type === undefined || entry.type === type).length,
    restore() {
      for (const target of targets) {
        delete (target as { addEventListener?: unknown }).addEventListener;
        delete (target as { removeEventListener?: unknown }).removeEventListener;
      }
    },
  };
}

const containers: HTMLElement[] = [];

function container(): HTMLElement {
  const div = document.createElement('div');
  document.body.append(div);
  containers.push(div);
  return div;
}

function create(tag: Tag, attributes: Record<string, string>): LitElement {
  const el = document.createElement(tag) as LitElement;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

describe('lifecycle: moved, removed and re-added', () => {
  const escapes = watchEscapesPerTest();
  let listeners: ReturnType<typeof trackListeners>;
  beforeEach(async () => {
    // The count-up has tests of its own below; elsewhere the impact counter shows its final figure.
    await emulateMedia({ reducedMotion: 'reduce' });
    listeners = trackListeners();
  });
  afterEach(() => {
    listeners.restore();
    for (const div of containers.splice(0)) div.remove();
  });

  for (const element of ELEMENTS) {
    it(`<${element.tag}> renders the same after ${CYCLES} moves, removals and re-additions, and leaves no listener behind`, async () => {
      useFetchSpy().respond = realAnswer;
      const [a, b] = [container(), container()];
      const baseline = listeners.count();
      const el = create(element.tag, element.valid);
      a.append(el);
      await until(() => element.isLoaded(el), 'the element did not load');
      await el.updateComplete;
      const shown = await visibleText(el);
      const connected = listeners.count();
      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        b.append(el);
        expect(listeners.count(), 'after a move').to.equal(connected);
        el.remove();
        expect(listeners.count(), 'after removal').to.equal(baseline);
        a.append(el);
        expect(listeners.count(), 'after re-adding').to.equal(connected);
      }
      await el.updateComplete;
      expect(element.isLoaded(el)).to.equal(true);
      const after = await visibleText(el);
      expect(after.length).to.be.greaterThan(0);
      if (element.tag !== 'iso-retirement-feed') expect(after).to.equal(shown);
      el.remove();
      expect(listeners.count()).to.equal(baseline);
      await nextTask();
      expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
    });
  }

  describe('the live retirement feed', () => {
    let clock: ManualClock;
    beforeEach(() => {
      clock = new ManualClock();
      PollingController.clock = clock;
    });
    afterEach(() => {
      PollingController.clock = systemClock;
    });

    it(`stops polling and aborts its poll when removed, polls again when re-added, ${CYCLES} times over`, async () => {
      const spy = useFetchSpy();
      spy.respond = realAnswer;
      const [a, b] = [container(), container()];
      const visibility = listeners.count('visibilitychange');
      const el = create('iso-retirement-feed', { ...spec('iso-retirement-feed').valid, 'poll-interval': '30' });
      a.append(el);
      await until(() => spec('iso-retirement-feed').isLoaded(el), 'the feed did not load');
      expect(clock.pending, 'no poll scheduled').to.equal(1);
      expect(listeners.count('visibilitychange')).to.equal(visibility + 1);

      // A poll in flight when the feed is removed is aborted.
      const release = holdResponses(spy);
      const before = spy.requests.length;
      clock.fire();
      await until(() => spy.requests.length > before, 'no poll was made');
      const poll = spy.requests[spy.requests.length - 1]!;
      el.remove();
      expect(poll.signal.aborted, 'the poll in flight was not aborted').to.equal(true);
      expect(clock.pending, 'a timer is left after removal').to.equal(0);
      expect(listeners.count('visibilitychange'), 'a visibilitychange listener is left').to.equal(visibility);
      release();
      spy.respond = realAnswer;

      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        b.append(el);
        expect(clock.pending).to.equal(1);
        a.append(el);
        expect(clock.pending, 'a move left two timers').to.equal(1);
        expect(listeners.count('visibilitychange')).to.equal(visibility + 1);
        el.remove();
        expect(clock.pending).to.equal(0);
        expect(listeners.count('visibilitychange')).to.equal(visibility);
      }

      // Moved while a poll is in flight: that poll is aborted and exactly one next poll is scheduled.
      a.append(el);
      await el.updateComplete;
      let resume!: () => void;
      const held = new Promise<void>((resolve) => (resume = resolve));
      let answered: Promise<unknown> = Promise.resolve();
      spy.respond = (request) => {
        const answer = held.then(() => realAnswer(request));
        answered = answer.catch(() => {});
        return answer;
      };
      const sent = spy.requests.length;
      clock.fire();
      await until(() => spy.requests.length > sent, 'no poll was made');
      const moved = spy.requests[spy.requests.length - 1]!;
      b.append(el);
      expect(moved.signal.aborted, 'the poll in flight during a move was not aborted').to.equal(true);
      resume();
      await answered;
      await nextTask();
      expect(clock.pending, 'a move during a poll left the wrong number of timers').to.equal(1);
      spy.respond = realAnswer;
      el.remove();

      // Re-added, it polls again.
      a.append(el);
      await el.updateComplete;
      expect(spec('iso-retirement-feed').isLoaded(el)).to.equal(true);
      const requests = spy.requests.length;
      clock.fire();
      await until(() => spy.requests.length > requests && clock.pending === 1, 'the re-added feed did not poll');
      el.remove();
      expect(clock.pending).to.equal(0);
      await nextTask();
      expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
    });
  });

  describe('the checkout dialog', () => {

    function answerStripe(checkout: (request: Request) => Promise<Response> = async () => Response.json({ redirect_url: 'https://checkout.stripe.com/c/pay/cs_test_1' })) {
      const spy = useFetchSpy();
      spy.respond = async (request) => {
        const path = new URL(request.url).pathname;
        if (path === '/api/stripe/configuration') return Response.json(STRIPE_CONFIGURATION);
        if (path === '/api/stripe/checkout') return checkout(request);
        return Response.json({ detail: 'Not Found' }, { status: 404 });
      };
      return spy;
    }

    async function openDialog(el: LitElement): Promise<HTMLDialogElement> {
      const opener = () => el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="button"]');
      await until(() => opener()?.disabled === false && el.shadowRoot!.querySelector('[part~="form"]'), 'the form did not load');
      opener()!.click();
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      await until(() => dialog.open && dialog.matches(':modal'), 'the dialog did not open');
      return dialog;
    }

    it(`leaves no open dialog and no focus trap when removed while open, ${CYCLES} times over`, async () => {
      answerStripe();
      const [a, b] = [container(), container()];
      const outside = document.createElement('button');
      outside.textContent = 'A button of the page';
      a.append(outside);
      const pageshow = listeners.count('pageshow');
      const el = create('iso-checkout-button', {});
      b.append(el);
      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        const dialog = await openDialog(el);
        el.remove();
        expect(dialog.open, 'the removed element keeps an open dialog').to.equal(false);
        expect(dialog.matches(':modal')).to.equal(false);
        outside.focus();
        expect(document.activeElement, 'the page cannot take focus back').to.equal(outside);
        expect(listeners.count('pageshow')).to.equal(pageshow);
        (cycle % 2 ? a : b).append(el);
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('dialog')!.open, 'the re-added element shows a dialog nobody opened').to.equal(false);
      }
      // Still works after all that.
      const dialog = await openDialog(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="close-button"]')!.click();
      await until(() => !dialog.open, 'the dialog did not close');
      await nextTask();
      expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
    });

    it('aborts a checkout request in flight when removed', async () => {
      const posts: Request[] = [];
      answerStripe((request) => {
        posts.push(request);
        return new Promise(() => {});
      });
      const el = create('iso-checkout-button', { inline: '' });
      container().append(el);
      await until(() => el.shadowRoot!.querySelector('[part~="form"]'), 'the form did not load');
      for (const id of ['#accept-isometric', '#accept-supplier']) el.shadowRoot!.querySelector<HTMLInputElement>(id)!.click();
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
      await until(() => posts.length === 1, 'no checkout request');
      el.remove();
      expect(posts[0]!.signal.aborted).to.equal(true);
      container().append(el);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="submit-button"]')!.getAttribute('aria-busy'), 'the re-added form is stuck busy').to.equal('false');
    });
  });

  describe('the impact counter’s count-up', () => {
    let observing: Set<IntersectionObserver>;
    let frames: Set<number>;
    const { IntersectionObserver: NativeObserver, requestAnimationFrame: nativeRequest, cancelAnimationFrame: nativeCancel } = window;

    beforeEach(async () => {
      await emulateMedia({ reducedMotion: 'no-preference' });
      observing = new Set();
      frames = new Set();
      const live = observing;
      window.IntersectionObserver = class extends NativeObserver {
        override observe(target: Element): void {
          live.add(this);
          super.observe(target);
        }
        override disconnect(): void {
          live.delete(this);
          super.disconnect();
        }
      };
      window.requestAnimationFrame = (callback) => {
        const id = nativeRequest((time) => {
          frames.delete(id);
          callback(time);
        });
        frames.add(id);
        return id;
      };
      window.cancelAnimationFrame = (id) => {
        frames.delete(id);
        nativeCancel(id);
      };
    });
    afterEach(async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      window.IntersectionObserver = NativeObserver;
      window.requestAnimationFrame = nativeRequest;
      window.cancelAnimationFrame = nativeCancel;
    });

    it('disconnects its observer when removed before it was seen', async () => {
      useFetchSpy().respond = realAnswer;
      const below = container();
      below.style.marginBlockStart = '300vh';
      const el = create('iso-impact-counter', spec('iso-impact-counter').valid);
      below.append(el);
      await until(() => spec('iso-impact-counter').isLoaded(el), 'the counter did not load');
      expect(observing.size, 'not waiting to be seen').to.equal(1);
      el.remove();
      expect(observing.size, 'the observer is still connected').to.equal(0);
      container().append(el);
      await el.updateComplete;
      expect(observing.size).to.equal(0);
      expect(el.shadowRoot!.querySelector('[data-figure="retired"]')!.textContent).to.equal(el.shadowRoot!.querySelector('.counter__sizer')!.textContent);
    });

    it(`cancels its animation frame when removed while counting, and stays still over ${CYCLES} cycles`, async () => {
      useFetchSpy().respond = realAnswer;
      const [a, b] = [container(), container()];
      const el = create('iso-impact-counter', spec('iso-impact-counter').valid);
      a.append(el);
      await until(() => spec('iso-impact-counter').isLoaded(el) && frames.size > 0, 'the counter did not start counting');
      el.remove();
      expect(frames.size, 'an animation frame is still requested').to.equal(0);
      expect(observing.size).to.equal(0);
      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        b.append(el);
        a.append(el);
        el.remove();
        a.append(el);
        await el.updateComplete;
        expect(frames.size + observing.size).to.equal(0);
      }
      expect(el.shadowRoot!.querySelector('[data-figure="retired"]')!.textContent).to.equal(el.shadowRoot!.querySelector('.counter__sizer')!.textContent);
    });
  });

  describe('the shared locale observer', () => {
    const lang = document.documentElement.lang;
    afterEach(() => {
      document.documentElement.lang = lang;
    });

    for (const element of ELEMENTS) {
      it(`forgets a removed <${element.tag}> and remembers it re-added, ${CYCLES} times over`, async () => {
        useFetchSpy().respond = realAnswer;
        const el = create(element.tag, element.valid);
        container().append(el);
        await until(() => element.isLoaded(el), 'the element did not load');
        await el.updateComplete;
        let updates = 0;
        const requestUpdate = el.requestUpdate.bind(el);
        el.requestUpdate = (...args: Parameters<LitElement['requestUpdate']>) => {
          updates += 1;
          requestUpdate(...args);
        };
        const langs = ['de', 'fr'];
        for (let cycle = 0; cycle < CYCLES; cycle += 1) {
          el.remove();
          updates = 0;
          document.documentElement.lang = langs[cycle % 2]!;
          await nextTask();
          expect(updates, 'a removed element is still told about lang changes').to.equal(0);
          containers[0]!.append(el);
          updates = 0;
          document.documentElement.lang = langs[(cycle + 1) % 2]!;
          await nextTask();
          expect(updates, 'a re-added element is not told about lang changes').to.be.greaterThan(0);
        }
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part~="base"]')!.textContent).to.not.equal('');
      });
    }
  });
});
