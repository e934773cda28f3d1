// Choosing a retirement in a feed shows its certificate: the page listens for the feed's
// `iso-retirement-select` event and sets the certificate's `retirement-id`.
const certificate = document.querySelector('iso-retirement-certificate');

document.addEventListener('iso-retirement-select', (event) => {
  certificate.setAttribute('retirement-id', event.detail.retirementId);
  certificate.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
