// The one source of element docs: Storybook autodocs, editor data, the React wrappers,
// the JSX types and docs/api.md all come from custom-elements.json, made from the JSDoc in src/.
export default {
  globs: ['src/**/*.ts'],
  // src/react and src/jsx are made from this manifest (scripts/from-manifest.js), not read into it.
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/emulator/**', 'src/server/**', 'src/react/**', 'src/jsx/**'],
  outdir: '.',
  litelement: true,
};
