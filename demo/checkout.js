// Logs the checkout button's events on the demo page. Text only: event details are never parsed as HTML.
const log = document.getElementById('event-log');
const EVENTS = ['iso-checkout-open', 'iso-checkout-submit', 'iso-checkout-redirect', 'iso-checkout-error', 'iso-error'];

for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    if (!log) return;
    const item = document.createElement('li');
    const name = document.createElement('code');
    name.textContent = type;
    item.append(name, ` ${JSON.stringify(event.detail)}`);
    log.prepend(item);
  });
}
