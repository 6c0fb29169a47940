// Squeezes comments and indentation out of the Lit `css` literals in playgate's own
// sources, for what ships (the library, the CDN file, the demo) and for the size bench
// that measures it. Line breaks stay, so source maps still point at the right lines.
const OWN_SOURCE = /[\\/]src[\\/].*\.ts$/;

/** CSS text with comments gone and spaces only where CSS needs them. */
export function squeezeCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => '\n'.repeat(comment.split('\n').length - 1))
    .replace(/\s+/g, (space) => (space.includes('\n') ? '\n'.repeat(space.split('\n').length - 1) : ' '))
    .replace(/ *([{};,>]) */g, '$1')
    .replace(/: +/g, ':');
}

/** A module's source with every `css` literal squeezed; `${…}` parts are left as they are. */
export function squeezeCssLiterals(source) {
  return source.replace(/\bcss`([^`]*)`/g, (_literal, body) => {
    const parts = body.split(/(\$\{[^}]*\})/);
    return `css\`${parts.map((part, index) => (index % 2 === 1 ? part : squeezeCss(part))).join('')}\``;
  });
}

/** The same, as a Vite (Rollup) plugin. */
export function cssLiteralsVite() {
  return {
    name: 'playgate-css-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!OWN_SOURCE.test(id) || !code.includes('css`')) return null;
      return { code: squeezeCssLiterals(code), map: null };
    },
  };
}

/** The same, as an esbuild plugin (the size bench). */
export const cssLiteralsEsbuild = {
  name: 'playgate-css-literals',
  setup(build) {
    build.onLoad({ filter: OWN_SOURCE }, async ({ path }) => {
      // Imported here, so that the browser tests can import the functions above.
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(path, 'utf8');
      return source.includes('css`') ? { contents: squeezeCssLiterals(source), loader: 'ts' } : undefined;
    });
  },
};
