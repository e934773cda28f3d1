// docs/elements/ is generated from custom-elements.json by scripts/generate-element-docs.ts; this fails
// when a page is stale, missing, or left over from an element the manifest no longer has.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readInputs, renderElementDocs, staleElementDocs, writeElementDocs } from '../../scripts/generate-element-docs.js';

describe('docs/elements', () => {
  test('is current: one page per element of custom-elements.json plus the index, nothing else', async () => {
    const pages = renderElementDocs(await readInputs());
    assert.deepEqual(staleElementDocs(pages), [], 'run `npm run docs:elements`');
  });

  test('has a page for every custom element, named after its tag', async () => {
    const inputs = await readInputs();
    const tags = (inputs.manifest.modules ?? []).flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement).map((declaration) => declaration.tagName!);
    assert.ok(tags.length >= 5);
    const pages = renderElementDocs(inputs);
    assert.deepEqual([...pages.keys()].sort(), [...tags.map((tag) => `${tag.replace(/^iso-/, '')}.md`), 'README.md'].sort());
  });

  test('a page lists every attribute, event, slot, part and custom property of its element', async () => {
    const inputs = await readInputs();
    const pages = renderElementDocs(inputs);
    for (const element of (inputs.manifest.modules ?? []).flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement)) {
      const page = pages.get(`${element.tagName!.replace(/^iso-/, '')}.md`)!;
      const names = [
        ...(element.attributes ?? []).map((entry) => `\`${entry.name}\``),
        ...(element.events ?? []).map((entry) => `\`${entry.name}\``),
        ...(element.slots ?? []).map((entry) => (entry.name ? `\`${entry.name}\`` : '(default)')),
        ...(element.cssParts ?? []).map((entry) => `::part(${entry.name})`),
        ...(element.cssProperties ?? []).map((entry) => `\`${entry.name}\``),
      ];
      assert.deepEqual(names.filter((name) => !page.includes(name)), [], `<${element.tagName}>`);
    }
  });

  describe('the generator itself', () => {
    const element = (tagName: string, extra: object = {}) => ({ kind: 'class', name: 'X', customElement: true, tagName, ...extra });
    const inputs = (declarations: object[]) => ({ manifest: { modules: [{ path: 'src/elements/x/x.ts', declarations }] }, exports: ['./new-thing.js'], samples: { 'thing-id': 'thg_1' } });

    test('tolerates an element with nothing but a tag, and is deterministic', () => {
      const first = renderElementDocs(inputs([element('iso-b'), element('iso-a')]));
      assert.deepEqual([...first.keys()], ['a.md', 'b.md', 'README.md']);
      assert.match(first.get('a.md')!, /## Events\n\nNone\./);
      assert.deepEqual(renderElementDocs(inputs([element('iso-a'), element('iso-b')])), first);
    });

    test('renders a new element: sample values, npm import, escaped pipes, own and global custom properties', () => {
      const page = renderElementDocs(
        inputs([
          element('iso-new-thing', {
            attributes: [{ name: 'thing-id', fieldName: 'thingId', type: { text: 'string | null' }, default: 'null', description: 'Which thing.' }],
            cssProperties: [
              { name: '--iso-new-thing-gap', description: 'Gap.' },
              { name: '--iso-radius', description: 'Global theme token (radius), shared by every element: Corner radius.', default: '12px' },
            ],
          }),
        ]),
      ).get('new-thing.md')!;
      assert.match(page, /<iso-new-thing thing-id="thg_1"><\/iso-new-thing>/);
      assert.match(page, /import 'isometric-widgets\/new-thing\.js';/);
      assert.match(page, /\| `thing-id` \| `thingId` \| `string \\\| null` \| `null` \| Which thing\. \|/);
      assert.match(page, /## CSS custom properties\n\n\| Property[^\n]*\n[^\n]*\n\| `--iso-new-thing-gap` \|/);
      assert.match(page, /### Global tokens[\s\S]*\| `--iso-radius` \| radius \| `12px` \| Corner radius\. \|/);
    });

    test('finds stale, missing and extra pages, and writing removes the extra ones', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'element-docs-'));
      try {
        const pages = renderElementDocs(inputs([element('iso-a'), element('iso-b')]));
        assert.deepEqual(staleElementDocs(pages, dir), ['missing: docs/elements/README.md', 'missing: docs/elements/a.md', 'missing: docs/elements/b.md']);
        writeElementDocs(pages, dir);
        await writeFile(join(dir, 'a.md'), 'edited by hand');
        await writeFile(join(dir, 'gone.md'), 'an element that was removed');
        assert.deepEqual(staleElementDocs(pages, dir), ['extra: docs/elements/gone.md (no such element in custom-elements.json)', 'stale: docs/elements/a.md']);
        writeElementDocs(pages, dir);
        assert.deepEqual(staleElementDocs(pages, dir), []);
        assert.deepEqual((await readdir(dir)).sort(), ['README.md', 'a.md', 'b.md']);
        assert.equal(await readFile(join(dir, 'a.md'), 'utf8'), pages.get('a.md'));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
