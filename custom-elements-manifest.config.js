// Generates custom-elements.json from the elements' JSDoc (`npm run manifest`).
export default {
  globs: ['src/elements/*/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*.messages.ts', 'src/elements/**/*.messages.*.ts', 'src/elements/shared/**'],
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
  ],
};
