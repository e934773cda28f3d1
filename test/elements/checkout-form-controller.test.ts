// The form state and attribute parsing of <iso-checkout-button> without the element: a stub host
// counts the renders the controller asks for.
import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CheckoutFormController } from '../../src/elements/checkout-button/checkout-form-controller.js';
import { DEFAULT_SETTINGS, parseSettings, type SettingsInput } from '../../src/elements/checkout-button/settings.js';

const ATTRIBUTES: SettingsInput = {
  quantity: '1',
  min: '0.001',
  max: '1000',
  step: '0.001',
  presets: null,
  frequencies: 'one_time,monthly,yearly',
  allowedRedirectHosts: null,
  successUrl: null,
  cancelUrl: null,
};
const BASE = 'https://shop.test/pricing/';

class StubHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  renders = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.renders += 1;
  }
}

function setup(attributes: Partial<SettingsInput> = {}): { form: CheckoutFormController; host: StubHost } {
  const host = new StubHost();
  const form = new CheckoutFormController(host);
  form.applySettings(parseSettings({ ...ATTRIBUTES, ...attributes }, BASE));
  return { form, host };
}

describe('<iso-checkout-button> settings', () => {
  it('parses the defaults into kg, every frequency and no extra redirect host', () => {
    const settings = parseSettings(ATTRIBUTES, BASE);
    expect(settings).to.deep.equal({ minKg: 1n, maxKg: 1_000_000n, stepKg: 1n, presets: [], frequencies: ['one_time', 'monthly', 'yearly'], redirectHosts: [], problem: undefined });
    expect({ ...DEFAULT_SETTINGS, frequencies: [...DEFAULT_SETTINGS.frequencies] }).to.deep.equal(settings);
  });

  it('keeps presets and frequencies once each, in the order given, and lower-cases frequencies', () => {
    const settings = parseSettings({ ...ATTRIBUTES, presets: '5, 1,5,0.5 ,', frequencies: ' Yearly ,monthly,yearly' }, BASE);
    expect(settings.presets).to.deep.equal([5000n, 1000n, 500n]);
    expect(settings.frequencies).to.deep.equal(['yearly', 'monthly']);
    expect(settings.problem).to.equal(undefined);
  });

  it('reports the first problem, in attribute order, with the attribute\u2019s name', () => {
    const code = (attributes: Partial<SettingsInput>) => {
      const problem = parseSettings({ ...ATTRIBUTES, ...attributes }, BASE).problem;
      return problem && [problem.code, problem.params['attribute']];
    };
    expect(code({ quantity: 'lots', min: '0' })).to.deep.equal(['tonnes', 'quantity']);
    expect(code({ min: '0' })).to.deep.equal(['minimum', 'min']);
    expect(code({ step: '0' })).to.deep.equal(['minimum', 'step']);
    expect(code({ min: '2', max: '1' })).to.deep.equal(['not-below', 'max']);
    expect(code({ max: '99999999999999' })).to.deep.equal(['maximum', 'max']);
    expect(code({ presets: '1,lots' })).to.deep.equal(['tonnes', 'presets']);
    expect(code({ frequencies: 'weekly' })).to.deep.equal(['list-one-of', 'frequencies']);
    expect(code({ frequencies: ',' })).to.deep.equal(['list-empty', 'frequencies']);
    expect(code({ allowedRedirectHosts: 'pay.example.test, https://checkout.example/path' })).to.deep.equal(['host', 'allowed-redirect-hosts']);
    expect(code({ successUrl: 'javascript:alert(1)' })).to.deep.equal(['url', 'success-url']);
    expect(code({ cancelUrl: 'data:text/plain,bye' })).to.deep.equal(['url', 'cancel-url']);
    expect(code({ successUrl: '/thanks/{CHECKOUT_SESSION_ID}', cancelUrl: ' ' })).to.equal(undefined);
  });

  it('keeps the allowed redirect hosts, lower-cased', () => {
    expect(parseSettings({ ...ATTRIBUTES, allowedRedirectHosts: 'Pay.Example.test, localhost:8000' }, BASE).redirectHosts).to.deep.equal(['pay.example.test', 'localhost:8000']);
  });
});

describe('<iso-checkout-button> form controller', () => {
  it('registers with its host and asks it to render after every change', () => {
    const { form, host } = setup();
    expect(host.controllers).to.deep.equal([form]);
    const before = host.renders;
    const state = form.state;
    form.edit({ quantityText: '2' });
    expect(host.renders).to.equal(before + 1);
    expect(form.state).to.not.equal(state, 'a change makes a new state object');
    expect(state.quantityText).to.equal('1');
  });

  it('falls back to the first offered frequency when the chosen one is no longer offered', () => {
    const { form } = setup({ frequencies: 'monthly,yearly' });
    expect(form.state.frequency).to.equal('monthly');
    form.edit({ frequency: 'yearly' });
    form.applySettings(parseSettings({ ...ATTRIBUTES, frequencies: 'one_time,yearly' }, BASE));
    expect(form.state.frequency).to.equal('yearly');
    form.applySettings(parseSettings({ ...ATTRIBUTES, frequencies: 'one_time' }, BASE));
    expect(form.state.frequency).to.equal('one_time');
  });

  it('starts the quantity from the attribute in the locale\u2019s separator, and keeps an unreadable one as written', () => {
    const { form } = setup();
    form.set({ quantityTouched: true });
    form.resetQuantity('1.50', ',');
    expect(form.state).to.include({ quantityText: '1,5', quantityTouched: false });
    form.resetQuantity('abc', ',');
    expect(form.state.quantityText).to.equal('abc');
    form.resetEmail('kim@example.org');
    expect(form.state).to.include({ emailText: 'kim@example.org', emailTouched: false });
    form.resetEmail(null);
    expect(form.state.emailText).to.equal('');
  });

  it('checks the quantity against format, precision and the bounds, with the bound in kg', () => {
    const { form } = setup({ min: '0.5', max: '100', step: '0.5' });
    const check = (text: string) => {
      form.edit({ quantityText: text });
      return form.quantity();
    };
    expect(check('')).to.deep.equal({ problem: 'quantityRequired' });
    expect(check('abc')).to.deep.equal({ problem: 'quantityFormat' });
    expect(check('1.0005')).to.deep.equal({ problem: 'quantityPrecision' });
    expect(check('0.25')).to.deep.equal({ problem: 'quantityMin', params: { min: 500n } });
    expect(check('100.5')).to.deep.equal({ problem: 'quantityMax', params: { max: 100_000n } });
    expect(check('1.2')).to.deep.equal({ problem: 'quantityStep', params: { step: 500n } });
    expect(check('1,5')).to.deep.equal({ kg: 1500n });
    expect(form.quantityKg()).to.equal(1500);
    check('x');
    expect(form.quantityKg()).to.equal(null);
  });

  it('shows a problem only after the person left the field or tried to submit', () => {
    const { form } = setup();
    form.edit({ quantityText: 'abc', emailText: 'kim@' });
    expect(form.showsQuantityProblem()).to.equal(false);
    expect(form.showsEmailProblem()).to.equal(false);
    form.set({ quantityTouched: true });
    expect(form.showsQuantityProblem()).to.equal(true);
    expect(form.showsEmailProblem()).to.equal(false);
    form.attempt();
    expect(form.showsEmailProblem()).to.equal(true);
    form.edit({ emailText: '  ' });
    expect(form.emailInvalid()).to.equal(false, 'the email is optional');
  });

  it('names the first problem in form order and gives the order only for a valid form', () => {
    const { form } = setup();
    form.edit({ quantityText: '0', emailText: 'nope' });
    expect(form.attempt()).to.equal(undefined);
    expect(form.state.attempted).to.equal(true);
    expect(form.firstProblem()).to.equal('quantity');
    form.edit({ quantityText: '2.5' });
    expect(form.firstProblem()).to.equal('email');
    form.edit({ emailText: ' buyer@example.com ' });
    expect(form.firstProblem()).to.equal('accept-isometric');
    expect(form.termsAccepted()).to.equal(false);
    form.edit({ acceptIsometric: true });
    expect(form.firstProblem()).to.equal('accept-supplier');
    form.edit({ acceptSupplier: true, frequency: 'yearly' });
    expect(form.termsAccepted()).to.equal(true);
    expect(form.firstProblem()).to.equal(undefined);
    expect(form.attempt()).to.deep.equal({ kg: 2500n, frequency: 'yearly', email: 'buyer@example.com' });
    form.edit({ emailText: '' });
    expect(form.attempt()?.email).to.equal(null);
  });

  it('chooses a preset as text in the locale\u2019s separator, touched', () => {
    const { form } = setup({ presets: '1.5' });
    form.choosePreset(1500n, ',');
    expect(form.state).to.include({ quantityText: '1,5', quantityTouched: true });
  });

  it('clears a failure and a framed link on an edit by the person, not on set()', () => {
    const { form } = setup();
    form.fail('unavailable', 503);
    expect(form.state.failure).to.deep.equal({ kind: 'unavailable', status: 503 });
    form.set({ quantityTouched: true });
    expect(form.state.failure).to.not.equal(undefined);
    form.edit({ acceptIsometric: true });
    expect(form.state.failure).to.equal(undefined);
    form.set({ framedUrl: 'https://checkout.stripe.com/c/pay/cs_1' });
    form.edit({ frequency: 'monthly' });
    expect(form.state.framedUrl).to.equal(undefined);
  });

  it('walks a submit through its phases, aborting it on cancel and when the host goes away', () => {
    const { form } = setup();
    form.set({ failure: { kind: 'unavailable', status: undefined }, framedUrl: 'https://checkout.stripe.com/x' });
    const first = form.begin();
    expect(form.state).to.include({ phase: 'submitting', failure: undefined, framedUrl: undefined });
    form.cancel();
    expect(first.aborted).to.equal(true);
    expect(form.state.phase).to.equal('idle');

    const second = form.begin();
    form.fail('rejected', 422);
    expect(form.state).to.deep.include({ phase: 'idle', failure: { kind: 'rejected', status: 422 } });
    form.settled(second);
    form.cancel();
    expect(second.aborted).to.equal(false, 'a settled request is not aborted');

    const third = form.begin();
    form.settled(first);
    form.hostDisconnected();
    expect(third.aborted).to.equal(true, 'settling an older request leaves the current one abortable');
    expect(form.state.phase).to.equal('idle');

    form.set({ phase: 'redirecting' });
    form.cancel();
    expect(form.state.phase).to.equal('redirecting', 'leaving for the checkout is not undone');
  });
});
