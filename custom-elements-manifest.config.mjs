// The one source of element docs: Storybook autodocs, editor data and (later) the React
// wrappers all read custom-elements.json, generated from the JSDoc in src/.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/emulator/**', 'src/server/**'],
  outdir: '.',
  litelement: true,
};
