// The documentation as a reader meets it: a README that stays an entry point, and links that lead
// somewhere. Every relative link (and image) in README.md, CHANGELOG.md and docs/**/*.md must name an
// existing file, and an anchor on a Markdown file must name one of its headings.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';

const root = fileURLToPath(new URL('../../', import.meta.url));
const README_LIMIT = 8192;

/** README.md, CHANGELOG.md and every Markdown file under docs/, as repo-relative paths. */
function markdownFiles(): string[] {
  const files = ['README.md', 'CHANGELOG.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  return files;
}

/** The text outside fenced code blocks and inline code, where a link is a link. */
export function prose(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/(`+)[\s\S]*?\1/g, '');
}

/** Link and image targets: `[text](target)`, `![alt](target)`, and `href`/`src` in inline HTML. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const targets: string[] = [];
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1]!);
  for (const match of text.matchAll(/\b(?:href|src)="([^"]+)"/g)) targets.push(match[1]!);
  return targets;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const match of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = match[1]!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, (tag) => (/^<[a-z][\w-]*>$|^<\/[a-z][\w-]*>$/i.test(tag) && !tag.includes('-') ? '' : tag));
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    anchors.add(seen ? `${base}-${seen}` : base);
  }
  return anchors;
}

/** What is wrong with the links of one file. */
function brokenLinks(file: string): string[] {
  const markdown = readFileSync(join(root, file), 'utf8');
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // https:, mailto:
    const [path = '', anchor] = target.split('#', 2) as [string, string | undefined];
    if (path.startsWith('/')) {
      problems.push(`${file}: ${target} is root-relative; link relative to the file`);
      continue;
    }
    const resolved = path ? join(dirname(join(root, file)), decodeURIComponent(path)) : join(root, file);
    if (!existsSync(resolved)) {
      problems.push(`${file}: ${target} → ${relative(root, resolved)} does not exist`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && statSync(resolved).isFile()) {
      if (!headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) problems.push(`${file}: ${target} → no heading #${anchor} in ${relative(root, resolved)}`);
    }
  }
  return problems;
}

describe('documentation', () => {
  test(`README.md is an entry point of at most ${README_LIMIT} bytes`, () => {
    const size = statSync(join(root, 'README.md')).size;
    assert.ok(size <= README_LIMIT, `README.md is ${size} bytes; move detail to docs/`);
  });

  test('README.md opens with the two commands, then shows a widget, an embed and the map of docs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const at = (needle: string) => {
      const index = readme.indexOf(needle);
      assert.ok(index !== -1, `README.md has ${needle}`);
      return index;
    };
    const order = [at('npm install && npm start'), at('npm test'), at('docs/images/'), at('<meta name="iso-endpoint"'), at('docs/README.md')];
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'in this order');
  });

  test('every relative link and image resolves, and every anchor names a heading', () => {
    const files = markdownFiles();
    assert.ok(files.includes('docs/README.md') && files.includes('docs/proxy.md'));
    assert.deepEqual(files.flatMap(brokenLinks), []);
  });

  describe('the link checker itself', () => {
    test('finds links and images outside code only', () => {
      const markdown = 'See [a](a.md#x) and ![b](img/b.png), <img src="c.png" />, `[no](code.md)`.\n```md\n[no](fence.md)\n```\n';
      assert.deepEqual(linkTargets(markdown), ['a.md#x', 'img/b.png', 'c.png']);
    });

    test('derives GitHub anchors: punctuation dropped, code kept, repeats numbered', () => {
      const anchors = headingAnchors('# The proxy: `npm run bench:proxy`\n## Light and dark\n## Light and dark\n# `<iso-project-card>`\n```\n# not a heading\n```\n');
      assert.deepEqual([...anchors], ['the-proxy-npm-run-benchproxy', 'light-and-dark', 'light-and-dark-1', 'iso-project-card']);
    });
  });
});
