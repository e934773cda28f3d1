// The live-feed demo page: the button asks the local registry to record a retirement (its `_local`
// demo route, which needs no credentials), and choosing a retirement in a feed shows its
// certificate. A separate module because the demo pages run under a CSP without inline scripts.

const LOCAL_RETIREMENTS = '/registry/v0/_local/retirements';

const button = document.querySelector('#simulate');
const status = document.querySelector('#simulate-status');
const certificate = document.querySelector('iso-retirement-certificate');
const heading = document.querySelector('#selected');

/** "1,234.567" from whole kilograms, without float arithmetic. */
function tonnes(kgs) {
  const kg = BigInt(kgs);
  const decimal = `${kg / 1000n}.${(kg % 1000n).toString().padStart(3, '0')}`;
  return new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 3 }).format(decimal);
}

button?.addEventListener('click', async () => {
  if (button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  status.textContent = 'Recording a retirement…';
  try {
    const response = await fetch(LOCAL_RETIREMENTS, { method: 'POST' });
    if (!response.ok) throw new Error(`the local registry answered ${response.status}`);
    const retirement = await response.json();
    status.textContent = `Recorded ${tonnes(retirement.credit_batch_size_total.credit_kgs)} t CO₂e for ${retirement.beneficiary.name}. The feeds pick it up at their next check (within 15 seconds).`;
  } catch (error) {
    status.textContent = `Could not record a retirement: ${error instanceof Error ? error.message : String(error)}.`;
  } finally {
    button.removeAttribute('aria-disabled');
  }
});

document.addEventListener('iso-retirement-select', (event) => {
  if (!certificate) return;
  certificate.setAttribute('retirement-id', event.detail.retirementId);
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  heading?.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' });
  heading?.focus({ preventScroll: true });
});
