// Benchmark page for `npm run bench`: window.runBench({ mode, ids }) renders one card per id and
// resolves with the time until every card shows its data.
const stage = document.getElementById('stage');

async function kit(ids) {
  await customElements.whenDefined('iso-project-card');
  const start = performance.now();
  const loaded = ids.map(
    (_, i) =>
      new Promise((resolve) => {
        const card = document.createElement('iso-project-card');
        card.setAttribute('project-id', ids[i]);
        card.addEventListener('iso-load', resolve, { once: true });
        card.addEventListener('iso-error', resolve, { once: true });
        stage.append(card);
      }),
  );
  await Promise.all(loaded);
  // Wait for layout, as the baseline does: the cards have rendered, but not yet been laid out.
  stage.getBoundingClientRect();
  return performance.now() - start;
}

const nf = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

/** The least a page could do: fetch each distinct project once and build plain DOM from the JSON. */
async function baseline(ids) {
  const start = performance.now();
  const requests = new Map();
  for (const id of ids) if (!requests.has(id)) requests.set(id, fetch(`/api/projects/${id}`).then((r) => r.json()));
  const projects = await Promise.all(ids.map((id) => requests.get(id)));
  for (const project of projects) {
    const card = document.createElement('article');
    const title = document.createElement('h3');
    title.textContent = project.name;
    const supplier = document.createElement('p');
    supplier.textContent = `by ${project.supplier.organisation.name}`;
    const facts = document.createElement('dl');
    for (const [label, value] of [
      ['Pathway', project.pathway],
      ['Status', project.status],
      ['Protocol', project.protocol_slug],
      ['Validator', project.validator_name ?? 'Not assigned'],
      ['Issued', `${nf.format(project.issued_credits_total.credits)} t`],
      ['Retired', `${nf.format(project.retired_credits_total.credits)} t`],
    ]) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      facts.append(dt, dd);
    }
    card.append(title, supplier, facts);
    stage.append(card);
  }
  // Wait for layout, as the kit's time does.
  stage.getBoundingClientRect();
  return performance.now() - start;
}

window.runBench = async ({ mode, ids }) => {
  stage.replaceChildren();
  return mode === 'kit' ? kit(ids) : baseline(ids);
};
window.benchReady = true;
