// The retirement certificate's print stylesheet puts it on one page: Chromium prints the certificate's
// embed page (the element alone) to PDF, on A4 and on US Letter, and the PDF has one page. Includes
// the seeded retirement with the most credit batches, each with its carbon-removal breakdown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDataSet, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { useDemo } from './support.js';

/** The seeded retirement whose credits come from the most batches. */
function mostBatches(): { id: string; batches: number } {
  const counts = new Map<string, number>();
  for (const batch of createDataSet().creditBatches) {
    if (batch.retirement_id) counts.set(batch.retirement_id, (counts.get(batch.retirement_id) ?? 0) + 1);
  }
  const [id, batches] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
  return { id, batches };
}

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

describe('printing a retirement certificate', () => {
  const demo = useDemo();
  const largest = mostBatches();
  const cases = [
    { name: `the most credit batches in the seed (${largest.batches})`, id: largest.id },
    { name: 'two projects', id: SAMPLE_IDS.retirementTwoProjects },
    { name: 'a long note', id: SAMPLE_IDS.retirementLongNote },
  ];

  for (const { name, id } of cases) {
    test(`fits one page on A4 and on Letter: ${name}`, async () => {
      assert.ok(largest.batches >= 3, 'the seed has a retirement of three or more batches');
      const page = await demo.browser.newPage();
      try {
        await page.goto(`${demo.url}/api/embed/retirement-certificate?retirement-id=${id}`);
        // Loaded, with every batch's breakdown table rendered.
        await page.locator('iso-retirement-certificate [data-fact="amount"]').waitFor();
        await page.waitForFunction(() => {
          const root = document.querySelector('iso-retirement-certificate')?.shadowRoot;
          return !!root && root.querySelector('[aria-busy="false"]') !== null && root.querySelectorAll('.batch').length > 0;
        });
        for (const format of ['A4', 'Letter'] as const) {
          const pdf = await page.pdf({ format });
          assert.equal(pageCount(pdf), 1, `${format}: the certificate printed on ${pageCount(pdf)} pages`);
        }
      } finally {
        await page.close();
      }
    });
  }
});
