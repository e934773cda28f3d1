// Generates custom-elements.json from the elements' JSDoc (`npm run manifest`).
export default {
  globs: ['src/elements/*/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*.messages.ts', 'src/elements/**/*.messages.*.ts', 'src/elements/shared/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
