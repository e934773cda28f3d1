// Generates custom-elements.json from the elements' JSDoc (`npm run manifest`).
import { readFileSync } from 'node:fs';

/** The global theme tokens (demo/tokens.json, generated from src/themes/token-docs.ts first). */
const { tokens } = JSON.parse(readFileSync(new URL('./demo/tokens.json', import.meta.url), 'utf8'));

export default {
  globs: ['src/elements/*/*.ts'],
  // The base element is analysed so that each element's entry lists the members it inherits (endpoint,
  // locale, theme); the rest of shared/ (controllers, templates, styles) is no public API.
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*.messages.ts', 'src/elements/**/*.messages.*.ts', 'src/elements/shared/!(iso-element).ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // The analyzer lists modules in the order its file walk finds them, which varies between runs;
      // sorting by path makes the committed file reproducible.
      name: 'isometric-widgets-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    {
      // IsoElement (src/elements/shared/iso-element.ts) is analysed only for what the elements inherit
      // from it: without a tag it is no element of its own, so tools must not list it as one.
      name: 'isometric-widgets-base-element',
      packageLinkPhase({ customElementsManifest }) {
        for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
          if (declaration.customElement && !declaration.tagName) delete declaration.customElement;
        }
      },
    },
    {
      // Every element honours the global --iso-* tokens, so each element's entry lists them after its
      // own custom properties: tools that read the manifest (editors, the API reference) show them all.
      name: 'isometric-widgets-global-tokens',
      packageLinkPhase({ customElementsManifest }) {
        for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
          if (!declaration.customElement) continue;
          declaration.cssProperties = [
            ...(declaration.cssProperties ?? []),
            ...tokens.map((token) => ({
              name: token.name,
              description: `Global theme token (${token.group}), shared by every element: ${token.description}`,
              default: token.light === token.dark ? token.light : `${token.light} (dark: ${token.dark})`,
            })),
          ];
        }
      },
    },
  ],
};
