// Squeezes comments and indentation out of the Lit `css` literals in playgate's own
// sources, for what ships (the library, the CDN file, the demo) and for the size bench
// that measures it. Line breaks stay, so source maps still point at the right lines.
// Quoted strings and `${…}` parts are left exactly as they are.

const OWN_SOURCE = /[\\/]src[\\/].*\.ts$/;
const QUOTED = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/;

/** CSS text with comments gone and spaces only where CSS needs them. */
export function squeezeCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => (comment.includes('\n') ? '\n'.repeat(comment.split('\n').length - 1) : ' '))
    .split(QUOTED)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\s+/g, (space) => (space.includes('\n') ? '\n'.repeat(space.split('\n').length - 1) : ' '))
            .replace(/ *([{};,>]) */g, '$1')
            .replace(/: +/g, ':'),
    )
    .join('');
}

/** The literal's text split into CSS and `${…}` parts (odd indexes), braces balanced. */
function splitInterpolations(body) {
  const parts = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '$' || body[i + 1] !== '{') continue;
    parts.push(body.slice(start, i));
    let depth = 0;
    let end = i + 1;
    for (; end < body.length; end++) {
      if (body[end] === '{') depth++;
      else if (body[end] === '}' && --depth === 0) break;
    }
    parts.push(body.slice(i, end + 1));
    start = end + 1;
    i = end;
  }
  parts.push(body.slice(start));
  return parts;
}

/** A module's source with every `css` literal squeezed. */
export function squeezeCssLiterals(source) {
  return source.replace(/\bcss`((?:[^`\\]|\\.)*)`/g, (_literal, body) => {
    const parts = splitInterpolations(body);
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
